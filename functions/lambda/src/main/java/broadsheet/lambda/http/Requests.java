package broadsheet.lambda.http;

import broadsheet.core.article.Violation;
import broadsheet.core.text.Slugs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the parts of a request that several routes share: the JSON body, the slug and the version in the path. */
final class Requests {

    /** The largest request body accepted. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private Requests() {
    }

    /** The body of a request, or the response refusing it. */
    record BodyRead(byte[] bytes, HttpResponse refusal) {
    }

    /** 413 for bodies over 1 MiB, 415 unless JSON, 400 for an unreadable base64 body; else the bytes. */
    static BodyRead readBody(HttpRequest request) {
        if (request.bodyLength() > MAX_BODY_BYTES) {
            return new BodyRead(null, Problem.of("body-too-large", "Content Too Large", 413,
                    "The request body is larger than " + MAX_BODY_BYTES + " bytes.").response());
        }
        if (!MediaTypes.isJson(request.header("Content-Type"))) {
            return new BodyRead(null, Problem.of("unsupported-media-type", "Unsupported Media Type", 415,
                    "Send the article as application/json (UTF-8).")
                    .response(Map.of("Accept-Post", HttpResponse.JSON)));
        }
        try {
            return new BodyRead(request.bodyBytes(), null);
        } catch (IllegalArgumentException e) {
            return new BodyRead(null, Problem.invalid("The request body is not valid base64.",
                    List.of(new Violation("", "is not valid base64"))).response());
        }
    }

    static boolean isSlug(String slug) {
        return Slugs.isWellFormed(slug);
    }

    /** A version number in a path: a positive whole number of at most 18 digits. */
    static Optional<Long> version(String text) {
        return text != null && text.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }
}
