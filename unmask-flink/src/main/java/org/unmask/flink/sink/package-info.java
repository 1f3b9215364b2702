/** Where the job's conclusions go besides Kafka: the case store, by idempotent upserts. */
package org.unmask.flink.sink;
