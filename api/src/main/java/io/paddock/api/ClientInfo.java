package io.paddock.api;

/**
 * One identity the server has authenticated for the session, as reported by {@code whoAmI}.
 *
 * @param authScheme the scheme, for example {@code ip} or {@code digest}
 * @param user the identity within the scheme
 */
public record ClientInfo(String authScheme, String user) {}
