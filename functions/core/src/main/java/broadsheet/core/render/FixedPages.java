package broadsheet.core.render;

import broadsheet.core.site.SiteConfig;
import broadsheet.core.site.SiteLayout;
import com.github.mustachejava.Mustache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import static broadsheet.core.render.MustachePages.CSS;
import static broadsheet.core.render.MustachePages.HTML;
import static broadsheet.core.render.MustachePages.LISTING_CACHE;
import static broadsheet.core.render.MustachePages.STATIC_CACHE;
import static broadsheet.core.render.PageContext.render;
import static broadsheet.core.render.PageContext.rendered;

/**
 * The pages that do not depend on articles: the 404 page ({@code pages/not-found.mustache}), the
 * stylesheet ({@code static/site.css}, read once). robots.txt lists the sitemaps of the archive
 * months, so it is rendered with home ({@link Sitemaps#robots}).
 */
final class FixedPages {

    static final List<String> TEMPLATES = List.of("pages/not-found.mustache");

    private final PageContext context;
    private final SiteConfig config;
    private final SiteLayout layout;
    private final Mustache notFoundTemplate;
    private final byte[] stylesheet;

    FixedPages(PageContext context) {
        this.context = context;
        this.config = context.config();
        this.layout = context.layout();
        this.notFoundTemplate = context.template("pages/not-found.mustache");
        this.stylesheet = resource("broadsheet/static/site.css");
    }

    List<RenderedPage> pages() {
        Views.Head head = Views.Head.builder(context.titled("Page not found"), "There is no page at this address.",
                        config.name())
                .ogTitle("Page not found")
                .noindex(true)
                .build();
        byte[] notFound = render(notFoundTemplate, new Views.NotFoundPage(context.site(null), head, null));
        return List.of(
                rendered(layout.notFoundKey(), HTML, LISTING_CACHE, notFound),
                new RenderedPage(layout.stylesheetKey(), CSS, STATIC_CACHE, stylesheet));
    }

    private static byte[] resource(String name) {
        try (InputStream in = FixedPages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
