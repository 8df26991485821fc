/**
 * Paddock's implementation. Pure packages ({@code txn}, {@code tree}, {@code acl}, {@code session},
 * {@code watch}, {@code quorum.*}) hold no threads, sockets, files or clocks; edges ({@code wire},
 * {@code log}, {@code snapshot}, {@code platform}, {@code server}, {@code client}, {@code cli})
 * touch the OS. See DESIGN.md §3 for the rules, enforced by an ArchUnit test.
 */
package io.paddock;
