/**
 * The deterministic simulator of a Zab ensemble (test scope): N servers (the real {@code Peer}, a
 * {@code DataTree}, a simulated disk), clients and a faulty network on one thread, driven by a
 * seed. Safety is checked after every event ({@link io.paddock.quorum.sim.Invariants}), the client
 * history at the end ({@link io.paddock.quorum.sim.LinearizabilityChecker}), liveness after all
 * faults are healed.
 *
 * <p>Commands (from the repository root):
 *
 * <pre>
 * # the normal build runs 2,000 seeds (about 10-45 s depending on machine load)
 * mvn -pl provider -am test -Dtest=SimulationTest -Dsurefire.failIfNoSpecifiedTests=false
 * # replay one seed (a failure prints this line with its seed); add -Dsim.trace=true for every event
 * mvn -pl provider -am test -Dtest=SimulationTest -Dsim.seed=123 -Dsurefire.failIfNoSpecifiedTests=false
 * # many more: 100,000 seeds from seed 1,000,000 (about 4 minutes on 2 cores), with per-seed stats
 * mvn -pl provider -am test -Dtest=SimulationTest -Dsim.seeds=100000 -Dsim.firstSeed=1000000 \
 *     -Dsim.verbose=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>A seed that failed once becomes a regression test by adding it to {@code
 * SimulationTest.REGRESSIONS}.
 */
package io.paddock.quorum.sim;
