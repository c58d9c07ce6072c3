package broadsheet.lambda.rebuild;

import broadsheet.core.rebuild.RebuildFanOut;
import broadsheet.core.rebuild.SiteRebuild;
import broadsheet.lambda.Wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Entry point of the rebuild start function ({@code broadsheet.lambda.rebuild.RebuildStartHandler::handleRequest}),
 * invoked by the deploy workflow after a deploy that changed the templates, or by hand: sends the
 * starting units of a whole-site rebuild to the rebuild queue, where the worker function picks them
 * up ({@link RebuildWorkerHandler}). Input (optional): {@code {"listingSegments": 4}}; output:
 * {@code {"generation": 7, "units": 13, "listingSegments": 4}}. Starting a rebuild while one is
 * running is harmless: both upload only what is not in the bucket yet.
 */
public final class RebuildStartHandler implements RequestStreamHandler {

    /** Listing scan segments when the input names none: listing chains running at once. */
    public static final int DEFAULT_LISTING_SEGMENTS = 4;
    static final int MAX_LISTING_SEGMENTS = 64;

    private static final System.Logger LOG = System.getLogger(RebuildStartHandler.class.getName());

    record StartRequest(Integer listingSegments) {
    }

    record Started(int generation, int units, int listingSegments) {
    }

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final RebuildFanOut fanOut;

    public RebuildStartHandler() {
        this(Wiring.fromEnvironment().rebuildFanOut());
    }

    public RebuildStartHandler(RebuildFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int segments = segments(input.readAllBytes());
        List<SiteRebuild.Unit> units = fanOut.start(segments);
        Started started = new Started(fanOut.generation(), units.size(), segments);
        LOG.log(System.Logger.Level.INFO, "rebuild started at generation " + started.generation() + ": "
                + started.units() + " units queued (" + (units.size() - segments - 1) + " sections, " + segments
                + " listing segments, fixed pages)");
        json.writeValue(output, started);
    }

    private int segments(byte[] input) {
        StartRequest request;
        try {
            request = new String(input, java.nio.charset.StandardCharsets.UTF_8).isBlank() ? null
                    : json.readValue(input, StartRequest.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the rebuild start input must be {\"listingSegments\": n} or empty", e);
        }
        int segments = request == null || request.listingSegments() == null ? DEFAULT_LISTING_SEGMENTS
                : request.listingSegments();
        if (segments < 1 || segments > MAX_LISTING_SEGMENTS) {
            throw new IllegalArgumentException("listingSegments must be 1.." + MAX_LISTING_SEGMENTS + ", not " + segments);
        }
        return segments;
    }
}
