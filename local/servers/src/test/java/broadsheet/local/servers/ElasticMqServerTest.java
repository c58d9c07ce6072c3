package broadsheet.local.servers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticMqServerTest {

    private static ElasticMqServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = ElasticMqServer.start();
        sqs = server.client();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.close();
    }

    @Test
    void listensOnLoopbackAndDeliversWhatWasSent() {
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
        String url = sqs.createQueue(b -> b.queueName("plain")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("{\"unit\":\"fixed\"}"));

        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages();

        assertThat(received).extracting(Message::body).containsExactly("{\"unit\":\"fixed\"}");
    }

    @Test
    void aMessageNotDeletedComesBackAndMovesToTheDeadLetterQueueAfterMaxReceives() {
        ElasticMqServer.QueuePair queues = ElasticMqServer.createQueueWithDeadLetters(sqs, "redrive", 1, 2);
        sqs.sendMessage(b -> b.queueUrl(queues.url()).messageBody("poison"));

        for (int receive = 1; receive <= 2; receive++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queues.url()).waitTimeSeconds(3)).messages();
            assertThat(got).extracting(Message::body).containsExactly("poison");
        }
        // as in SQS, the receive after the last allowed one moves the message instead of returning it
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queues.url()).waitTimeSeconds(3)).messages()).isEmpty();
        List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(queues.deadLetterUrl()).waitTimeSeconds(1)).messages();

        assertThat(dead).extracting(Message::body).containsExactly("poison");
    }
}
