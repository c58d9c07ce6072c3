package broadsheet.aws;

import broadsheet.core.rebuild.RebuildQueue;
import broadsheet.core.rebuild.RebuildQueueException;
import broadsheet.core.rebuild.RebuildUnitCodec;
import broadsheet.core.rebuild.SiteRebuild;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link RebuildQueue} on an SQS queue: each unit one message ({@link RebuildUnitCodec} JSON), sent
 * with SendMessageBatch, ten at a time. Entries SQS refuses in a batch are sent again once; any
 * still refused, or an SDK failure, is a {@link RebuildQueueException}.
 */
public final class SqsRebuildQueue implements RebuildQueue {

    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;
    private final RebuildUnitCodec codec = new RebuildUnitCodec();

    public SqsRebuildQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void send(List<SiteRebuild.Unit> units) {
        for (int from = 0; from < units.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<SiteRebuild.Unit> batch = units.subList(from, Math.min(units.size(), from + BATCH));
            for (int i = 0; i < batch.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(codec.encode(batch.get(i))).build());
            }
            List<SendMessageBatchRequestEntry> refused = sendBatch(entries);
            if (!refused.isEmpty()) {
                refused = sendBatch(refused);
            }
            if (!refused.isEmpty()) {
                throw new RebuildQueueException(refused.size() + " rebuild units refused by " + queueUrl);
            }
        }
    }

    /** Sends one batch; returns the entries SQS refused. */
    private List<SendMessageBatchRequestEntry> sendBatch(List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            throw new RebuildQueueException("cannot send rebuild units to " + queueUrl, e);
        }
        if (!response.hasFailed() || response.failed().isEmpty()) {
            return List.of();
        }
        List<String> failedIds = response.failed().stream().map(f -> f.id()).toList();
        return entries.stream().filter(e -> failedIds.contains(e.id())).toList();
    }
}
