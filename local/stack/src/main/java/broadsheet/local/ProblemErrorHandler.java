package broadsheet.local;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Answers the errors Jetty produces itself (a request line that is not a URI, an ambiguous or
 * encoded-separator path, bad or too large headers) with an {@code application/problem+json}
 * body like Broadsheet's own, and never with Jetty's HTML page or its message.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = status(request.getAttribute(ERROR_STATUS), response.getStatus());
        response.setStatus(status);
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        HttpResponses.problem(request, response, callback, name(status), status, title(status), detail(status));
        return true;
    }

    /** Errors found while parsing, before a request exists. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        int code = status >= 400 && status <= 599 ? status : 400;
        fields.put(HttpHeader.CONTENT_TYPE, HttpResponses.PROBLEM_JSON);
        return ByteBuffer.wrap(HttpResponses.problemJson(name(code), code, title(code), detail(code))
                .getBytes(StandardCharsets.UTF_8));
    }

    private static int status(Object attribute, int fallback) {
        int status = attribute instanceof Integer code ? code : fallback;
        return status >= 400 && status <= 599 ? status : 500;
    }

    private static String title(int status) {
        String reason = HttpStatus.getMessage(status);
        return reason == null || reason.isBlank() ? (status < 500 ? "Bad Request" : "Internal Server Error") : reason;
    }

    /** The title in the form of the API's problem type names, e.g. {@code request-header-fields-too-large}. */
    private static String name(int status) {
        return title(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String detail(int status) {
        return status < 500
                ? "The request is not valid HTTP or names no valid path, and was refused before it was read."
                : "The request could not be handled.";
    }
}
