package broadsheet.local.servers;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticMqServerTest {

    private final SqsClient sqs = ElasticMqServer.sharedClient();

    @Test
    void startsOnLoopbackOnAFreePortAndStops() {
        try (ElasticMqServer own = ElasticMqServer.start(); SqsClient client = own.client()) {
            assertThat(own.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(own.endpoint().getPort()).isNotEqualTo(ElasticMqServer.shared().endpoint().getPort());
            assertThat(client.listQueues().queueUrls()).isEmpty();
        }
    }

    @Test
    void deliversWhatWasSent() {
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
