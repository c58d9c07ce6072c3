package broadsheet.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A function invoked as the Lambda Java runtime invokes a {@link RequestStreamHandler}: the event
 * JSON as bytes in, the answer as bytes out. For what plays the runtime outside Lambda: the local
 * stack, the benchmarks and the tests.
 */
public final class StreamInvocation {

    private StreamInvocation() {
    }

    public static byte[] invoke(RequestStreamHandler handler, byte[] event, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
