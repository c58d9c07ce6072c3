package broadsheet.local.servers;

import java.util.Optional;

/** Starts dynalite, prints its port and ends the JVM without closing it: the shutdown hook must. */
public final class DynaliteExitProbe {

    private DynaliteExitProbe() {
    }

    public static void main(String[] args) {
        Dynalite dynalite = Dynalite.start(Optional.empty());
        System.out.println("port=" + dynalite.port());
        System.out.flush();
        System.exit(0);
    }
}
