package broadsheet.lambda.stream;

import java.util.List;

/**
 * The partial batch response of the publisher function: the sequence numbers of the records to
 * deliver again ({@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}); none when the whole
 * batch succeeded.
 */
public record StreamBatchResponse(List<String> failedSequenceNumbers) {

    public StreamBatchResponse {
        failedSequenceNumbers = List.copyOf(failedSequenceNumbers);
    }
}
