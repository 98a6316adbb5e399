/**
 * The {@code k8s-autopilot} command line ({@code generate}, {@code validate}, {@code repair}, {@code render},
 * {@code resume}, {@code runs}), built on the public API only. Its output and exit codes are a contract,
 * documented in {@code docs/cli.md}.
 */
package dev.k8sautopilot.cli;
