package dev.underlay.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

import java.time.Duration;

/**
 * Awaitility with one set of defaults for every operator test: generous timeout for a busy 2-core machine, short poll
 * interval, no initial delay (a poll delay would be a sleep in disguise). A timed-out wait fails with a dump of the
 * namespace's custom resources and Events.
 */
public final class Awaits {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final Duration POLL = Duration.ofMillis(100);

    static {
        Awaitility.setDefaultTimeout(TIMEOUT);
        Awaitility.setDefaultPollInterval(POLL);
        Awaitility.setDefaultPollDelay(Duration.ZERO);
    }

    private final KubernetesClient client;
    private final String namespace;

    private Awaits(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Waits scoped to one test namespace, whose state is dumped when a wait fails. */
    public static Awaits in(KubernetesClient client, String namespace) {
        return new Awaits(client, namespace);
    }

    public void untilAsserted(String what, ThrowingRunnable assertion) {
        try {
            // a RuntimeException (object not there yet) counts as "not yet" and, unlike ignoreExceptions(), keeps the
            // last failure's message for the report
            Awaitility.await(what).untilAsserted(() -> {
                try {
                    assertion.run();
                } catch (RuntimeException notYet) {
                    throw new AssertionError(notYet.toString(), notYet);
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + FailureDiagnostics.dump(client, namespace), e);
        }
    }
}
