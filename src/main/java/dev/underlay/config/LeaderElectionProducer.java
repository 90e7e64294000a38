package dev.underlay.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leader election for the operator: two active replicas could clone the same VM twice, so only the Lease holder
 * reconciles. QOSDK asks for this bean only in the profiles of
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod by default), so dev and test run without it.
 */
public class LeaderElectionProducer {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(UnderlayConfig config) {
        UnderlayConfig.LeaderElection settings = config.operator().leaderElection();
        LeaderElectionConfigurationBuilder builder =
                LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName());
        settings.leaseNamespace().ifPresent(builder::withLeaseNamespace);
        settings.identity().ifPresent(builder::withIdentity);
        return builder.build();
    }
}
