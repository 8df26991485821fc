/**
 * The shipped {@code bin/} scripts driven as a user drives them: {@code paddock-server.sh} and
 * {@code paddock-cli.sh} run by bash from a fresh directory with a generated zoo.cfg.
 *
 * <p>Allowed dependencies: the JDK, JUnit, AssertJ. The server is stopped through the script (which
 * signals the pid it wrote); if that fails, the test kills that pid only.
 */
package io.paddock.it.scripts;
