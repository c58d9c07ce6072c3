package broadsheet.reliability;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts behind the suite's summary line: HTTP requests tried against the local stack and
 * how they were answered, articles written (acknowledged by the API), articles lost (acknowledged
 * but missing or wrong in the table afterwards) and table/site divergences found by the
 * {@link ConvergenceChecker}. One instance per test JVM ({@link #SUITE}), only ever added to, so
 * every test class contributes to the line the last test prints.
 */
public final class SuiteSummary {

    public static final SuiteSummary SUITE = new SuiteSummary();

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong status4xx = new AtomicLong();
    private final AtomicLong status5xx = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong divergences = new AtomicLong();
    private final AtomicLong checks = new AtomicLong();
    private final AtomicLong status5xxInOutage = new AtomicLong();
    private final AtomicLong danglingRedirects = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger outages = new java.util.concurrent.atomic.AtomicInteger();

    /** One HTTP answer from the stack, to a request made while every dependency was up. */
    public void answered(int status) {
        answered(status, false);
    }

    /**
     * One HTTP answer; {@code duringOutage} when a fault test had stopped a dependency (dynalite)
     * while the request was under way: a 5xx is then the right answer, and counted apart.
     */
    public void answered(int status, boolean duringOutage) {
        requests.incrementAndGet();
        if (status >= 400 && status < 500) {
            status4xx.incrementAndGet();
        } else if (status >= 500 && duringOutage) {
            status5xxInOutage.incrementAndGet();
        } else if (status >= 500) {
            status5xx.incrementAndGet();
        }
    }

    /** A fault test stops a dependency the API needs; {@link #outageEnded()} when it is back. */
    public void outageStarted() {
        outages.incrementAndGet();
    }

    public void outageEnded() {
        outages.decrementAndGet();
    }

    public boolean inOutage() {
        return outages.get() > 0;
    }

    public void written(long articles) {
        written.addAndGet(articles);
    }

    public void lost(long articles) {
        lost.addAndGet(articles);
    }

    /** One convergence check and what it reported. */
    public void checked(ConvergenceChecker.Report report) {
        checks.incrementAndGet();
        divergences.addAndGet(report.divergences().size());
        danglingRedirects.addAndGet(report.danglingRedirects().size());
    }

    public long requests() {
        return requests.get();
    }

    public long status5xx() {
        return status5xx.get();
    }

    public long lost() {
        return lost.get();
    }

    public long divergences() {
        return divergences.get();
    }

    public long checks() {
        return checks.get();
    }

    public long written() {
        return written.get();
    }

    /** The summary line, e.g. {@code reliability: requests=612 4xx=240 5xx=0 written=180 lost=0 divergences=0 (checks=7)}. */
    public String line() {
        return "reliability: requests=" + requests.get() + " 4xx=" + status4xx.get() + " 5xx=" + status5xx.get()
                + " written=" + written.get() + " lost=" + lost.get() + " divergences=" + divergences.get()
                + " (convergence checks=" + checks.get() + ", 5xx while a dependency was deliberately down="
                + status5xxInOutage.get() + ", redirect pages left for articles no longer live="
                + danglingRedirects.get() + ")";
    }
}
