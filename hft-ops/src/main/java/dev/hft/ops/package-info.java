/** Operations: metrics, dashboard, health, control actions and alerts for paper and live sessions. */
package dev.hft.ops;
