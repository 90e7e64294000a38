package dev.underlay.controller.proxmoxcluster.maintenance;

import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fabric8 CRUD mock plus the two things {@code kubectl drain} needs and the mock lacks: the Eviction subresource
 * (POST .../pods/{name}/eviction deletes the pod, or answers 429 for pods a test protects as a PodDisruptionBudget
 * would) and the {@code spec.nodeName} field selector on pod lists (the mock matches field selectors only against
 * metadata).
 */
final class EvictingCrudDispatcher extends KubernetesCrudDispatcher {

    private static final Pattern EVICTION = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/eviction");
    private static final Pattern NODE_NAME = Pattern.compile("spec\\.nodeName=([^,&]+)");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final Set<String> protectedPods = ConcurrentHashMap.newKeySet();
    private final List<String> evictions = new CopyOnWriteArrayList<>();
    private final List<String> refusedEvictions = new CopyOnWriteArrayList<>();

    /** Evictions of {@code namespace/name} answer 429 until {@link #unprotect}. */
    void protect(String pod) {
        protectedPods.add(pod);
    }

    void unprotect(String pod) {
        protectedPods.remove(pod);
    }

    List<String> evictions() {
        return List.copyOf(evictions);
    }

    List<String> refusedEvictions() {
        return List.copyOf(refusedEvictions);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        Matcher eviction = EVICTION.matcher(path);
        if ("POST".equals(request.getMethod()) && eviction.matches()) {
            return evict(eviction.group(1), eviction.group(2));
        }
        if ("GET".equals(request.getMethod()) && path.startsWith("/api/v1/pods?") && path.contains("fieldSelector=")) {
            return podsOnNode(URLDecoder.decode(path, StandardCharsets.UTF_8));
        }
        return super.dispatch(request);
    }

    private MockResponse evict(String namespace, String name) {
        String pod = namespace + "/" + name;
        if (protectedPods.contains(pod)) {
            refusedEvictions.add(pod);
            return new MockResponse().setResponseCode(429).setBody("""
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"TooManyRequests",
                     "message":"Cannot evict pod as it would violate the pod's disruption budget.","code":429}""");
        }
        MockResponse deleted = handleDelete("/api/v1/namespaces/" + namespace + "/pods/" + name);
        if (deleted.code() >= 300) {
            return deleted;
        }
        evictions.add(pod);
        return new MockResponse().setResponseCode(201).setBody("""
                {"kind":"Status","apiVersion":"v1","status":"Success","code":201}""");
    }

    private MockResponse podsOnNode(String decodedPath) {
        Matcher node = NODE_NAME.matcher(decodedPath);
        MockResponse all = handleGet("/api/v1/pods");
        if (!node.find() || all.code() != 200) {
            return all;
        }
        PodList list = JSON.unmarshal(all.getBody().readUtf8(), PodList.class);
        list.setItems(list.getItems().stream()
                .filter(p -> node.group(1).equals(p.getSpec().getNodeName()))
                .toList());
        return new MockResponse().setResponseCode(200).setBody(JSON.asJson(list));
    }
}
