package broadsheet.reliability;

import broadsheet.reliability.RawHttp.Builder;
import broadsheet.reliability.RawHttp.Request;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Requests the API must refuse with a 4xx {@code application/problem+json} answer and without
 * touching the table or the bucket. {@code existing} is the slug of a stored article (version 1),
 * so that hostile updates and deletes reach a real item.
 */
final class HostileCorpus {

    private HostileCorpus() {
    }

    static ObjectNode valid() {
        ObjectNode article = Api.JSON.createObjectNode();
        article.put("section", "world");
        article.put("headline", "A perfectly ordinary headline");
        article.put("standfirst", "Nothing to see here.");
        article.put("body", "First paragraph.\n\nSecond paragraph.");
        ObjectNode image = article.putObject("image");
        image.put("src", "media/2026/photo.jpg");
        image.put("alt", "A photo");
        article.putArray("authors").add("Ann Editor");
        article.putArray("tags").add("news");
        article.put("status", "published");
        return article;
    }

    private static ObjectNode with(String field, Object value) {
        ObjectNode article = valid();
        set(article, field, value);
        return article;
    }

    private static void set(ObjectNode node, String field, Object value) {
        if (field.startsWith("image/")) {
            set((ObjectNode) node.get("image"), field.substring("image/".length()), value);
            return;
        }
        if (value == null) {
            node.putNull(field);
        } else if (value instanceof String s) {
            node.put(field, s);
        } else if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value instanceof Boolean b) {
            node.put(field, b);
        } else if (value instanceof Double d) {
            node.put(field, d);
        } else if (value instanceof List<?> list) {
            ArrayNode array = node.putArray(field);
            for (Object v : list) {
                if (v instanceof Integer i) {
                    array.add(i);
                } else if (v == null) {
                    array.addNull();
                } else {
                    array.add(String.valueOf(v));
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = node.putObject(field);
            map.forEach((k, v) -> object.put(String.valueOf(k), String.valueOf(v)));
        } else {
            throw new IllegalArgumentException(String.valueOf(value));
        }
    }

    private static Builder post(String label, String json) {
        return new Builder(label).body(json);
    }

    private static Builder post(String label, byte[] body) {
        return new Builder(label).body(body);
    }

    static List<Request> requests(String existing) {
        List<Request> all = new ArrayList<>();
        String ok = valid().toString();

        // JSON syntax errors
        String[] syntax = {"", " ", "{", "}", "[", "{\"section\":", "{'section':'world'}", "{section:\"world\"}",
                ok.substring(0, ok.length() - 1) + ",}", ok.replace("\"status\":\"published\"", "\"status\":\"published\",,\"x\":1"),
                "null", "true", "42", "\"world\"", "[]", "[" + ok + "]", ok + ok, "{\"headline\":NaN}",
                "{\"headline\":\"x\" \"body\":\"y\"}", "{\"headline\":\"unterminated}", "/* c */" + ok, ok + " // c",
                "{\"headline\":\"\\x41\"}", "{\"headline\":\"\\u12\"}", "\u0000" + ok, ok.replace(":", "="),
                "{\"section\":\"world\",\"headline\":01}", "{\"headline\":+1}", "{\"headline\":.5}", "{\"a\":[1,2}"};
        for (int i = 0; i < syntax.length; i++) {
            all.add(post("syntax " + i, syntax[i]).build());
        }

        // deep nesting
        all.add(post("nested arrays 100000", "[".repeat(100_000) + "]".repeat(100_000)).build());
        all.add(post("nested objects 5000", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).build());
        all.add(post("nested in image", ok.replace("\"image\":{", "\"image\":{\"x\":" + "[".repeat(3000) + "]".repeat(3000) + ",")).build());
        all.add(post("nested in tags", ok.replace("\"tags\":[", "\"tags\":[" + "[".repeat(2000) + "]".repeat(2000) + ",")).build());
        all.add(post("unclosed nesting", "{\"a\":".repeat(50_000)).build());

        // huge strings and arrays
        all.add(post("headline 10k", with("headline", "h".repeat(10_000)).toString()).build());
        all.add(post("headline 500k", with("headline", "h".repeat(500_000)).toString()).build());
        all.add(post("body 300 KiB", with("body", "word ".repeat(60_000)).toString()).build());
        all.add(post("standfirst 5k", with("standfirst", "s".repeat(5_000)).toString()).build());
        all.add(post("alt 10k", with("image/alt", "a".repeat(10_000)).toString()).build());
        all.add(post("src 50k", with("image/src", "media/" + "a".repeat(50_000)).toString()).build());
        all.add(post("tags 10000", with("tags", java.util.Collections.nCopies(10_000, "t")).toString()).build());
        all.add(post("authors 1000", with("authors", java.util.Collections.nCopies(1000, "A")).toString()).build());
        all.add(post("tag 5k long", with("tags", List.of("t".repeat(5_000))).toString()).build());
        all.add(post("number 100k digits", ok.replace("\"status\"", "\"n\":" + "9".repeat(100_000) + ",\"status\"")).build());
        all.add(post("array 200k numbers", "{\"tags\":[" + "1,".repeat(200_000) + "1]}").build());
        all.add(post("key 100k long", "{\"" + "k".repeat(100_000) + "\":1}").build());
        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i < 20_000; i++) {
            manyKeys.append("\"k").append(i).append("\":").append(i).append(',');
        }
        manyKeys.append("\"section\":\"world\"}");
        all.add(post("20000 unknown keys", manyKeys.toString()).build());

        // wrong types
        Object[][] wrongTypes = {
                {"section", 1}, {"section", List.of("world")}, {"headline", 1}, {"headline", List.of("a")},
                {"headline", true}, {"headline", Map.of("a", "b")}, {"standfirst", 2.5}, {"body", 1},
                {"body", List.of("a", "b")}, {"body", Map.of("md", "x")}, {"image", "media/x.jpg"}, {"image", 1},
                {"image", List.of("media/x.jpg")}, {"image/src", 1}, {"image/alt", true}, {"image/caption", List.of("c")},
                {"authors", "Ann"}, {"authors", List.of(1, 2)}, {"authors", Map.of("a", "b")}, {"tags", "news"},
                {"tags", List.of(1)}, {"status", true}, {"status", 1}, {"status", "live"}, {"status", "PUBLISHED "},
                {"publishAt", 1732800000}, {"publishAt", "yesterday"}, {"publishAt", "2026-13-40T00:00:00Z"},
                {"publishAt", "2026-11-28 18:30"}, {"slug", 5}, {"slug", List.of("a")}, {"source", List.of("s")},
        };
        for (Object[] wrong : wrongTypes) {
            all.add(post("wrong type " + wrong[0] + "=" + wrong[1], with((String) wrong[0], wrong[1]).toString()).build());
        }

        // nulls and blanks
        for (String field : List.of("section", "headline", "body", "image/src", "image/alt")) {
            all.add(post("null " + field, with(field, null).toString()).build());
        }
        for (String field : List.of("section", "headline", "body", "image/alt")) {
            all.add(post("blank " + field, with(field, "   ").toString()).build());
        }
        all.add(post("authors [null]", with("authors", java.util.Arrays.asList((Object) null)).toString()).build());
        all.add(post("authors []", with("authors", List.of()).toString()).build());
        all.add(post("tags [null]", with("tags", java.util.Arrays.asList((Object) null)).toString()).build());
        all.add(post("scheduled without publishAt", with("status", "scheduled").toString()).build());

        all.add(post("null image and body", with("body", null).putNull("image").toString()).build());

        // duplicate keys
        all.add(post("duplicate headline", ok.replace("{\"section\"", "{\"headline\":\"first\",\"section\"")).build());
        all.add(post("duplicate section", ok.replace("{\"section\":\"world\"", "{\"section\":\"world\",\"section\":\"sport\"")).build());
        all.add(post("duplicate image alt", ok.replace("\"alt\":\"A photo\"", "\"alt\":\"A photo\",\"alt\":\"B\"")).build());
        all.add(post("duplicate status", ok.replace("\"status\":\"published\"", "\"status\":\"draft\",\"status\":\"published\"")).build());

        // unknown fields: rejected by name
        for (String field : List.of("standFirst", "headLine", "__proto__", "constructor", "admin", "html", "Section")) {
            all.add(post("unknown field " + field, with(field, "x").toString()).build());
        }
        all.add(post("unknown image field", with("image/srcset", "a.jpg 2x").toString()).build());

        // invalid UTF-8 and control characters
        byte[][] badBytes = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xE9}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        for (int i = 0; i < badBytes.length; i++) {
            all.add(post("invalid utf-8 " + i, splice(ok, "A perfectly", badBytes[i])).build());
        }
        for (String control : List.of("\\u0000", "\\u0007", "\\u001b[31m", "\\u007f", "\\u0085", "\\r\\n", "\\ud800", "\\udfff")) {
            all.add(post("control " + control + " in headline",
                    ok.replace("A perfectly ordinary", "A perfectly " + control + " ordinary")).build());
        }
        all.add(post("raw tab byte in headline", ok.replace("A perfectly ordinary", "A perfectly\tordinary")).build());
        all.add(post("lone surrogate in body", ok.replace("First paragraph.", "First \\ud83d paragraph.")).build());
        all.add(post("NUL in slug", with("slug", "abc\u0000def").toString()).build());

        // slug tricks: lookalikes, normalisation, traversal, reserved
        List<String> slugs = List.of("Café", "cafe\u0301", "ｗｏｒｌｄ", "n\u0430to", "\u212Aelvin", "ǆungla", "a\u200Bb", "straße",
                "..", ".", "../../etc/passwd", "a/b", "a%2Fb", "%2e%2e", "a b", "-leading", "trailing-", "a--b", "UPPER",
                "archive", "feed", "index", "api", "media", "static", "", "x".repeat(300), "a.b", "a_b", "😀");
        for (String slug : slugs) {
            all.add(post("slug " + slug.substring(0, Math.min(12, slug.length())), with("slug", slug).toString()).build());
        }

        // media key traversal
        for (String src : List.of("../secret.jpg", "media/../../etc/passwd", "media/./x.jpg", "media/%2e%2e/x.jpg",
                "/media/x.jpg", "media//x.jpg", "media/", "javascript:alert(1)", "data:image/png;base64,AAAA",
                "file:///etc/passwd", "//evil.example/x.jpg", "media/x.jpg?<script>", "media\\..\\x.jpg", "media/..")) {
            all.add(post("media key " + src, with("image/src", src).toString()).build());
        }

        // traversal and odd paths in the URL
        String[] paths = {"/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/articles/%2e%2e", "/api/articles/%2E%2E%2F",
                "/api/articles/a%2Fb", "/api/articles/%00", "/api/articles/%C0%AE%C0%AE", "/api/articles/caf%C3%A9",
                "/api/articles/%ZZ", "/api/articles/%252e%252e", "/api/articles/a/b", "/api/articles/" + existing + "/..",
                "/api/articles/" + existing + "%2F..", "/api/articles/..;/x", "/api/articles/UPPER", "/api/articles/%E2%80%AE"};
        for (String path : paths) {
            all.add(new Builder("GET " + path).method("GET").target(path).build());
            all.add(new Builder("PUT " + path).method("PUT").target(path).header("If-Match", "\"1\"").body(ok).build());
            all.add(new Builder("DELETE " + path).method("DELETE").target(path).header("If-Match", "\"1\"").build());
        }

        // hostile updates and deletes of a real article
        String update = with("slug", existing).toString();
        all.add(new Builder("PUT without If-Match").method("PUT").target("/api/articles/" + existing).body(update).build());
        all.add(new Builder("PUT stale If-Match").method("PUT").target("/api/articles/" + existing).header("If-Match", "\"7\"").body(update).build());
        all.add(new Builder("PUT If-Match *").method("PUT").target("/api/articles/" + existing).header("If-Match", "*").body(update).build());
        all.add(new Builder("PUT weak If-Match").method("PUT").target("/api/articles/" + existing).header("If-Match", "W/\"1\"").body(update).build());
        all.add(new Builder("PUT If-Match huge number").method("PUT").target("/api/articles/" + existing).header("If-Match", "\"99999999999999999999999\"").body(update).build());
        all.add(new Builder("PUT other slug in body").method("PUT").target("/api/articles/" + existing).header("If-Match", "\"1\"")
                .body(with("slug", "someone-else").toString()).build());
        all.add(new Builder("PUT invalid body").method("PUT").target("/api/articles/" + existing).header("If-Match", "\"1\"")
                .body(with("headline", null).toString()).build());
        all.add(new Builder("DELETE without If-Match").method("DELETE").target("/api/articles/" + existing).build());
        all.add(new Builder("DELETE stale If-Match").method("DELETE").target("/api/articles/" + existing).header("If-Match", "\"9\"").build());
        all.add(new Builder("DELETE If-Match garbage").method("DELETE").target("/api/articles/" + existing).header("If-Match", "\"1\" OR 1=1").build());
        all.add(new Builder("POST existing slug").body(with("slug", existing).toString()).build());
        all.add(new Builder("POST bad Idempotency-Key").header("Idempotency-Key", "k".repeat(300)).body(ok.replace("\"headline\":\"A", "\"headline\":")).build());

        // wrong methods and unknown routes
        for (String method : List.of("PATCH", "TRACE", "FOO", "PROPFIND")) {
            all.add(new Builder(method + " collection").method(method).body(ok).build());
        }
        all.add(new Builder("PUT collection").method("PUT").body(ok).build());
        all.add(new Builder("DELETE collection").method("DELETE").build());
        all.add(new Builder("POST item").target("/api/articles/" + existing).body(ok).build());
        all.add(new Builder("PATCH item").method("PATCH").target("/api/articles/" + existing).header("If-Match", "\"1\"").body("{}").build());
        for (String path : List.of("/api/articlesx", "/api/", "/api/v2/articles", "/api/articles/" + existing + "/x", "/api/%2e%2e/articles")) {
            all.add(new Builder("unknown route " + path).method("GET").target(path).build());
        }

        // query abuse on the list
        for (String query : List.of("limit=0", "limit=-1", "limit=101", "limit=abc", "limit=1e2", "limit=99999999999",
                "section=nowhere", "section=world%00", "status=live", "cursor=garbage", "cursor=" + "c".repeat(5000),
                "cursor=%00", "section=../x")) {
            all.add(new Builder("list " + query.substring(0, Math.min(20, query.length()))).method("GET").target("/api/articles?" + query).build());
        }

        // tokens
        String jwtExpired = jwt("{\"sub\":\"x\",\"exp\":1,\"cognito:groups\":[\"editors\"]}");
        String jwtReader = jwt("{\"sub\":\"x\",\"exp\":4102444800,\"cognito:groups\":[\"readers\"]}");
        String[][] tokens = {{"no header", null}, {"empty", ""}, {"Bearer only", "Bearer"}, {"Bearer space", "Bearer "},
                {"Basic", "Basic " + Base64.getEncoder().encodeToString("editor:editor".getBytes(StandardCharsets.UTF_8))},
                {"wrong token", "Bearer wrong"}, {"token plus junk", "Bearer " + RunningStack.TOKEN + "x"},
                {"token prefix", "Bearer " + RunningStack.TOKEN.substring(0, 10)}, {"expired JWT", "Bearer " + jwtExpired},
                {"reader JWT", "Bearer " + jwtReader}, {"alg none JWT", "Bearer " + jwt("{\"sub\":\"admin\"}")},
                {"token as scheme", RunningStack.TOKEN}, {"100 KiB token", "Bearer " + "t".repeat(100_000)},
                {"two tokens", "Bearer " + RunningStack.TOKEN + ", Bearer other"}};
        for (String[] token : tokens) {
            Builder request = new Builder("auth " + token[0]).noToken().body(ok);
            if (token[1] != null) {
                request.header("Authorization", token[1]);
            }
            all.add(request.build());
        }
        all.add(new Builder("auth token in query").noToken().target("/api/articles?access_token=" + RunningStack.TOKEN).body(ok).build());
        all.add(new Builder("auth in cookie").noToken().header("Cookie", "token=" + RunningStack.TOKEN).body(ok).build());
        all.add(new Builder("auth missing on DELETE").noToken().method("DELETE").target("/api/articles/" + existing).header("If-Match", "\"1\"").build());
        all.add(new Builder("auth missing on PUT").noToken().method("PUT").target("/api/articles/" + existing).header("If-Match", "\"1\"").body(update).build());
        all.add(new Builder("auth missing on GET").noToken().method("GET").target("/api/articles/" + existing).build());

        // header abuse: content types, charsets, huge and repeated headers
        for (String type : List.of("text/plain", "text/html", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonx", "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16", "application/json, text/html", "application/*", "*/*", "json", "")) {
            all.add(new Builder("content type " + type).contentType(type).body(ok).build());
        }
        all.add(new Builder("no content type").contentType(null).body(ok).build());
        all.add(new Builder("two content types").header("Content-Type", "text/plain").body(ok).build());
        all.add(new Builder("utf-16 body").contentType("application/json; charset=utf-16").body(ok.getBytes(StandardCharsets.UTF_16)).build());
        all.add(new Builder("utf-16 body labelled utf-8").body(ok.getBytes(StandardCharsets.UTF_16LE)).build());
        all.add(new Builder("latin-1 body").body(with("headline", "Café crème").toString().getBytes(StandardCharsets.ISO_8859_1)).build());
        all.add(new Builder("huge header and no token").noToken().header("X-Junk", "j".repeat(60_000)).body(ok).build());
        Builder manyHeaders = new Builder("150 headers and bad body").body("{");
        for (int i = 0; i < 150; i++) {
            manyHeaders.header("X-H" + i, "v");
        }
        all.add(manyHeaders.build());
        all.add(new Builder("header injection in Idempotency-Key").header("Idempotency-Key", "a\u0001b").body(ok).build());
        all.add(new Builder("Idempotency-Key non-ascii").header("Idempotency-Key", "ключ").body(ok).build());
        all.add(new Builder("Content-Encoding gzip lie").header("Content-Encoding", "gzip").body("{").build());

        // oversized bodies
        all.add(new Builder("body 1 MiB + 1").body(pad(ok, 1024 * 1024 + 1)).build());
        all.add(new Builder("body 4 MiB").body(pad(ok, 4 * 1024 * 1024)).build());
        all.add(new Builder("body 2 MiB chunked").noContentLength().header("Transfer-Encoding", "chunked")
                .body(chunked(pad(ok, 2 * 1024 * 1024))).build());
        all.add(new Builder("PUT body 2 MiB").method("PUT").target("/api/articles/" + existing).header("If-Match", "\"1\"")
                .body(pad(ok, 2 * 1024 * 1024)).build());
        return all;
    }

    private static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static byte[] splice(String json, String before, byte[] bytes) {
        int at = json.indexOf(before);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(json.substring(at).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A valid article padded with spaces (legal JSON whitespace) to {@code size} bytes. */
    private static byte[] pad(String json, int size) {
        byte[] bytes = new byte[size];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, bytes, 0, text.length);
        return bytes;
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunk = 64 * 1024;
        for (int at = 0; at < body.length; at += chunk) {
            int n = Math.min(chunk, body.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
