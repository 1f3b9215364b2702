/**
 * Risk: findings become per-person scores with decay, repeat damping and a bonus for independent
 * evidence; a case opens past a threshold. The policy is one documented YAML file.
 */
package org.unmask.risk;
