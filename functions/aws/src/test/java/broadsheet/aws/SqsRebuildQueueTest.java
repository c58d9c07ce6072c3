package broadsheet.aws;

import broadsheet.core.rebuild.RebuildQueueException;
import broadsheet.core.rebuild.RebuildUnitCodec;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.local.servers.ElasticMqServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQS rebuild queue against a real SQS-compatible server (embedded ElasticMQ). */
class SqsRebuildQueueTest {

    private final SqsClient sqs = ElasticMqServer.sharedClient();

    @Test
    void sendsEveryUnitAsOneMessageInBatchesOfTen() {
        String url = sqs.createQueue(b -> b.queueName("rebuild-all-" + System.nanoTime())).queueUrl();
        List<SiteRebuild.Unit> units = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            units.add(new SiteRebuild.SectionArticles("section-" + i, i % 2 == 0 ? Optional.empty() : Optional.of("c" + i)));
        }
        units.add(new SiteRebuild.ListingSegment(1, 2, Optional.empty()));
        units.add(new SiteRebuild.Finish());

        new SqsRebuildQueue(sqs, url).send(units);

        List<SiteRebuild.Unit> received = new ArrayList<>();
        RebuildUnitCodec codec = new RebuildUnitCodec();
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            messages.forEach(m -> received.add(codec.decode(m.body())));
        } while (!messages.isEmpty());
        assertThat(received).containsExactlyInAnyOrderElementsOf(units);
    }

    @Test
    void aQueueThatDoesNotExistIsARebuildQueueException() {
        String url = ElasticMqServer.shared().endpoint() + "/000000000000/no-such-queue";

        assertThatThrownBy(() -> new SqsRebuildQueue(sqs, url).send(List.of(new SiteRebuild.Finish())))
                .isInstanceOf(RebuildQueueException.class).hasMessageContaining("no-such-queue");
    }
}
