/**
 * Typed server configuration: every key declared once in {@link io.paddock.config.ConfigKeys}
 * (name, type, default, unit, doc), the immutable {@link io.paddock.config.ServerConfig} built from
 * code or from a zoo.cfg file by {@link io.paddock.config.ZooCfg}.
 *
 * <p>An edge package: {@link io.paddock.config.ZooCfg#load} reads one file. Nothing here reads
 * system properties or environment variables; everything comes from the file or the builder.
 * Nothing here logs either: warnings are returned to the caller, which logs them.
 *
 * <p>The ensemble keys ({@code server.N}, {@code myid}, {@code initLimit}, ...) are declared here
 * and parsed by {@link io.paddock.quorum.config.EnsembleConfigParser}.
 *
 * <p>Allowed dependencies: {@code io.paddock.quorum.config} (pure) and the JDK.
 */
package io.paddock.config;
