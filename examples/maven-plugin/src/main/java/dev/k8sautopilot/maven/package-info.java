/**
 * The {@code k8s-autopilot-maven-plugin}: goals {@code generate}, {@code validate}, {@code package} and {@code push}
 * that give a Maven project a validated Helm chart as part of its build. See {@code docs/maven-plugin.md}.
 */
package dev.k8sautopilot.maven;
