package org.unmask.store.cases;

import java.time.Instant;

/** A note on a case: numbered from 1 per case, never edited. */
public record CaseNote(String caseId, int number, String author, Instant writtenAt, String text) {}
