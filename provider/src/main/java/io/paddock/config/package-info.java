/**
 * Typed server configuration: every key declared once in {@link io.paddock.config.ConfigKeys}
 * (name, type, default, unit, doc), the immutable {@link io.paddock.config.ServerConfig} built from
 * code or from a zoo.cfg file by {@link io.paddock.config.ZooCfg}.
 *
 * <p>An edge package: {@link io.paddock.config.ZooCfg#load} reads one file (and the {@code myid}
 * file of its dataDir). System properties and environment variables are read only where a file asks
 * for them by name ({@code ${sys:name}}, {@code ${env:NAME}}); the builder never reads them.
 * Nothing here logs: warnings are returned to the caller, which logs them.
 *
 * <p>The ensemble keys ({@code server.N}, {@code myid}, {@code initLimit}, ...) are declared here
 * and parsed by {@link io.paddock.quorum.config.EnsembleConfigParser}.
 *
 * <p>Allowed dependencies: {@code io.paddock.quorum.config} (pure), Apache Commons Configuration
 * (reading and interpolating zoo.cfg text, {@link io.paddock.config.ZooCfgReader} only) and the
 * JDK.
 */
package io.paddock.config;
