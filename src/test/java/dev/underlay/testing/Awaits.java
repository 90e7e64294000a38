package dev.underlay.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;

import java.time.Duration;
import java.util.concurrent.Callable;

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

    public static ConditionFactory await() {
        return Awaitility.await();
    }

    public void untilAsserted(String what, ThrowingRunnable assertion) {
        try {
            Awaitility.await(what).ignoreExceptions().untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + FailureDiagnostics.dump(client, namespace), e);
        }
    }

    public <T> T until(String what, Callable<T> supplier, java.util.function.Predicate<? super T> predicate) {
        try {
            return Awaitility.await(what).ignoreExceptions().until(supplier, predicate::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + FailureDiagnostics.dump(client, namespace), e);
        }
    }
}
