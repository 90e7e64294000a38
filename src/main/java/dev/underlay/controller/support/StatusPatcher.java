package dev.underlay.controller.support;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;

/**
 * Writes a primary resource's status only when it changed, compared as serialized JSON (status classes have no
 * equals, and JSON is what the API server would store anyway).
 *
 * <p>The write is a JSON Patch on the status subresource through JOSDK's {@code ResourceOperations}, the same path
 * JOSDK takes with server-side apply off: no query string on the request (the fabric8 mock server silently ignores a
 * status PATCH that carries {@code ?fieldManager=}), and JOSDK caches the response so the next reconcile reads its own
 * write and does not fire on it.
 */
@ApplicationScoped
public class StatusPatcher {

    /**
     * @return true when a patch was sent (and succeeded), false when the status was already as desired
     */
    public <P extends CustomResource<?, S>, S> boolean patchIfChanged(P primary, S desired, Context<P> context) {
        KubernetesSerialization json = context.getClient().getKubernetesSerialization();
        if (Objects.equals(json.asJson(primary.getStatus()), json.asJson(desired))) {
            return false;
        }
        P base = json.clone(primary);
        // the JSON Patch is computed between base and the edited copy; no resourceVersion means no optimistic lock,
        // which is right for status: this controller is its only writer
        base.getMetadata().setResourceVersion(null);
        context.resourceOperations().jsonPatchPrimaryStatus(base, edited -> {
            edited.setStatus(desired);
            return edited;
        });
        return true;
    }
}
