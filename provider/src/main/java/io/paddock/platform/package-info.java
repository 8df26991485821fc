/**
 * Seams between Paddock and the operating system that tests and the simulator replace: the clock
 * today; disks, network and randomness as the storage and ensemble issues need them.
 *
 * <p>Allowed dependencies: the JDK.
 */
package io.paddock.platform;
