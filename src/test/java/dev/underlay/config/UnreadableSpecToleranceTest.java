package dev.underlay.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.underlay.api.v1alpha1.cephpool.CephPool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnreadableSpecToleranceTest {

    private final ObjectMapper mapper = new ObjectMapper();

    UnreadableSpecToleranceTest() {
        new UnreadableSpecTolerance().customize(mapper);
    }

    @Test
    void readableResourceIsUntouched() throws Exception {
        CephPool pool = mapper.readValue("""
                {"apiVersion":"underlay.dev/v1alpha1","kind":"CephPool","metadata":{"name":"p"},
                 "spec":{"clusterRef":{"name":"homelab"},"size":2}}""", CephPool.class);

        assertThat(pool.getSpec().size()).isEqualTo(2);
        assertThat(UnreadableSpecTolerance.specError(pool)).isEmpty();
    }

    @Test
    void unreadableSpecIsDroppedWithTheErrorAndTheStatusKept() throws Exception {
        CephPool pool = mapper.readValue("""
                {"apiVersion":"underlay.dev/v1alpha1","kind":"CephPool","metadata":{"name":"p"},
                 "spec":{"clusterRef":{"name":"homelab"},"size":"three"},
                 "status":{"observedGeneration":4}}""", CephPool.class);

        assertThat(pool.getSpec()).isNull();
        assertThat(pool.getMetadata().getName()).isEqualTo("p");
        assertThat(pool.getStatus().getObservedGeneration()).isEqualTo(4L);
        assertThat(UnreadableSpecTolerance.specError(pool))
                .hasValueSatisfying(
                        error -> assertThat(error).startsWith("spec.size: ").contains("three"));
    }

    @Test
    void unreadableStatusToo() throws Exception {
        CephPool pool = mapper.readValue("""
                {"apiVersion":"underlay.dev/v1alpha1","kind":"CephPool","metadata":{"name":"p"},
                 "spec":{"size":"three"},"status":{"observedGeneration":"four"}}""", CephPool.class);

        assertThat(pool.getSpec()).isNull();
        assertThat(pool.getStatus()).isNull();
        assertThat(UnreadableSpecTolerance.specError(pool)).isPresent();
    }

    @Test
    void otherTypesKeepFailingLoudly() {
        assertThatThrownBy(() -> mapper.readValue("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":["not","a","string"]}}""", ConfigMap.class)).isInstanceOf(JsonProcessingException.class);
    }
}
