package dev.underlay.controller.proxmoxcluster.maintenance;

/**
 * Why a maintenance entry is not where its spec wants it yet. The kind is what the code branches on (a Blocked entry
 * needs a person and says so in a Warning Event and in Degraded); the status message is rendered from it.
 */
record Holdup(Kind kind, String what) {

    enum Kind {
        /** Cannot proceed as things stand: a guest that may not move, too little room, two control planes on a host. */
        Blocked,
        /** Proceeds on its own once something else is back or done (a node, a lock, a backoff, a PDB). */
        Waiting,
        /** Work under way: evictions, migrations. */
        Draining
    }

    static Holdup blocked(String what) {
        return new Holdup(Kind.Blocked, what);
    }

    static Holdup waiting(String what) {
        return new Holdup(Kind.Waiting, what);
    }

    static Holdup draining(String what) {
        return new Holdup(Kind.Draining, what);
    }

    String render() {
        return kind + ": " + what;
    }
}
