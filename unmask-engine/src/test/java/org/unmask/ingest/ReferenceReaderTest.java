package org.unmask.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.ReferenceData;
import org.unmask.reference.WatchlistEntry;

class ReferenceReaderTest {

  @TempDir Path dir;
  final List<Rejection> rejections = new ArrayList<>();

  private ReferenceData read() {
    return Dataset.open(dir).readReference(rejections::add);
  }

  @Test
  void open_missingFolder_saysWhatToPass() {
    assertThatThrownBy(() -> Dataset.open(dir.resolve("datset")))
        .isInstanceOf(DatasetException.class)
        .hasMessage("no such folder: " + dir.resolve("datset") + " — pass the folder that holds people.csv and events/");
  }

  @Test
  void aByteOrderMarkBeforeAQuotedHeader_doesNotHideTheFirstColumn() throws IOException {
    // what Excel's "CSV UTF-8" and Python's utf-8-sig with every field quoted write: the mark
    // comes before the first quote, CRLF ends the lines, the columns are in another order
    Files.write(dir.resolve("payroll.csv"), ("\uFEFF\"changed_at\",\"field\",\"person_id\",\"old_value\",\"new_value\"\r\n"
        + "\"2026-03-02T10:00:00Z\",\"bank_account_id\",\"P1\",\"ba_1\",\"ba_2\"\r\n").getBytes(StandardCharsets.UTF_8));
    Files.createDirectories(dir.resolve("watchlists"));
    Files.write(dir.resolve("watchlists/intel.csv"), ("\uFEFF\"type\",\"value\",\"label\",\"source\"\r\n"
        + "\"process_name\",\"AnyDesk.exe\",\"allow:sanctioned remote support\",\"IT\"\r\n").getBytes(StandardCharsets.UTF_8));

    ReferenceData ref = read();

    assertThat(rejections).isEmpty();
    assertThat(ref.payroll()).singleElement().satisfies(c -> {
      assertThat(c.changedAt()).isEqualTo(java.time.Instant.parse("2026-03-02T10:00:00Z"));
      assertThat(c.personId()).isEqualTo("P1");
    });
    assertThat(ref.watchlist()).singleElement().satisfies(w -> assertThat(w.label()).isEqualTo("allow:sanctioned remote support"));
  }

  @Test
  void semicolonAndTabSeparatedFiles_areReadThatWay_withOneWarningEach() throws IOException {
    // Excel writes semicolons where the decimal mark is a comma; some HR exports write tabs
    Files.write(dir.resolve("people.csv"), ("person_id;full_name;email;home_street;timezone\r\n"
        + "P1;\"Ruiz; Ana\";ana@example.com;\"12 Oak St, Apt 4\";America/Chicago\r\n"
        + "P2;Bo Li;bo@example.com;;\r\n").getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("devices.csv"), ("device_id\thostname\tperson_id\n"
        + "d1\tLT-ANA\tP1\n").getBytes(StandardCharsets.UTF_8));

    ReferenceData ref = read();

    assertThat(ref.people()).extracting(p -> p.personId()).containsExactly("P1", "P2");
    assertThat(ref.people().get(0).fullName()).isEqualTo("Ruiz; Ana");
    assertThat(ref.people().get(0).home().street()).isEqualTo("12 Oak St, Apt 4");
    assertThat(ref.people().get(0).timezone()).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(ref.device("d1")).hasValueSatisfying(d -> assertThat(d.personId()).isEqualTo("P1"));
    assertThat(rejections).extracting(Rejection::file, Rejection::line, Rejection::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple("people.csv", 1L, "columns separated by semicolons, not commas (what Excel"
            + " writes where the decimal mark is a comma): read that way, every row kept"),
        org.assertj.core.groups.Tuple.tuple("devices.csv", 1L, "columns separated by tabs, not commas (what Excel"
            + " writes where the decimal mark is a comma): read that way, every row kept"));
  }

  @Test
  void aHeaderWithACommaIsReadWithCommas_evenWithSemicolonsInItsNames() {
    assertThat(CsvDelimiter.ofHeader("person_id,\"notes; misc\",email")).isEqualTo(',');
    assertThat(CsvDelimiter.ofHeader("person_id")).isEqualTo(',');
    assertThat(CsvDelimiter.ofHeader("person_id;\"a, b\";email")).isEqualTo(';');
    assertThat(CsvDelimiter.ofHeader("type\tvalue\tlabel\tsource")).isEqualTo('\t');
  }

  @Test
  void profileCounts_andDates_areReadAsProfilePagesAndExportsWriteThem() throws IOException {
    Files.write(dir.resolve("applicants.csv"), ("applicant_id,applied_at,linkedin_created,linkedin_connections,"
        + "github_created,github_followers,github_public_repos\n"
        + "A1,2026-03-01T10:00:00Z,2025-11-18T09:30:00Z,500+,2025-12-01,\"1,204\",12\n"
        + "A2,2026-03-02T10:00:00Z,18/11/2025,lots,2025-12-01 junk,\"12,34\",\n").getBytes(StandardCharsets.UTF_8));

    ReferenceData ref = read();

    var a1 = ref.applicants().get(0);
    assertThat(a1.linkedinCreated()).isEqualTo(LocalDate.of(2025, 11, 18));
    assertThat(a1.linkedinConnections()).isEqualTo(500);
    assertThat(a1.githubFollowers()).isEqualTo(1204);
    assertThat(a1.githubPublicRepos()).isEqualTo(12);
    var a2 = ref.applicants().get(1);
    assertThat(a2.linkedinCreated()).isNull(); // day and month order cannot be told: unknown
    assertThat(a2.linkedinConnections()).isNull();
    assertThat(a2.githubCreated()).isNull();
    assertThat(a2.githubFollowers()).isNull(); // not a thousands separator
    assertThat(rejections).extracting(Rejection::line).containsOnly(3L).hasSize(4);
  }

  @Test
  void threatIntelFeeds_inTheWatchlistsFolder_addRowsOfConcern_besideTheCsvRows() throws IOException {
    Files.createDirectories(dir.resolve("watchlists"));
    Files.writeString(dir.resolve("watchlists/allow.csv"), "type,value,label,source\nprocess_name,TeamViewer.exe,allow:it,\n");
    Files.writeString(dir.resolve("watchlists/fbi.json"), "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\","
        + "\"id\":\"indicator--1\",\"name\":\"farm\",\"pattern\":\"[ipv4-addr:value = '63.75.253.223']\"}]}");
    Files.writeString(dir.resolve("watchlists/misp.JSON"), "{\"Event\":{\"uuid\":\"u1\",\"info\":\"ring\","
        + "\"Attribute\":[{\"type\":\"domain\",\"value\":\"kvm.example\"}]}}");

    ReferenceData ref = read();

    assertThat(ref.watchlist()).extracting(w -> w.type().name(), w -> w.value()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("PROCESS_NAME", "TeamViewer.exe"),
        org.assertj.core.groups.Tuple.tuple("IP", "63.75.253.223"),
        org.assertj.core.groups.Tuple.tuple("DOMAIN", "kvm.example"));
    assertThat(rejections).isEmpty();
  }

  @Test
  void aHeaderWithoutTheKeyColumn_isOneRejection_notOnePerRow_norSilence() throws IOException {
    Files.writeString(dir.resolve("people.csv"), "{}\n");
    Files.writeString(dir.resolve("devices.csv"), "id,hostname\nd1,LT-1\nd2,LT-2\nd3,LT-3\n");
    ReferenceData ref = read();
    assertThat(ref.people()).isEmpty();
    assertThat(ref.devices()).isEmpty();
    assertThat(rejections).extracting(Rejection::file, Rejection::line).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("people.csv", 1L), org.assertj.core.groups.Tuple.tuple("devices.csv", 1L));
    assertThat(rejections).filteredOn(r -> r.file().equals("devices.csv")).singleElement()
        .satisfies(r -> assertThat(r.reason()).startsWith("no 'device_id' column in the header \"id,hostname\""));
  }

  @Test
  void emptyFolder_readsAsEmpty() {
    ReferenceData ref = read();
    assertThat(ref.people()).isEmpty();
    assertThat(Dataset.open(dir).eventFiles()).isEmpty();
    assertThat(rejections).isEmpty();
  }

  @Test
  void aRowThatIsNotCsv_costsThatRow_andTheRowsAfterItAreRead() throws IOException {
    // found by MutatedWorldTest: a quote never closed swallowed the rest of people.csv, which
    // then could not be read at all, and the scan stopped
    Files.write(dir.resolve("people.csv"), ("person_id,full_name,email\n"
        + "P1,Ana,a@example.com\n"
        + "P2,\"Bo,b@example.com\n" // a quote never closed
        + "P3,Cy,c@example.com\r\n"
        + "P4,\"Di\"x,d@example.com\n" // text after the closing quote
        + "P5,\"Ed\nMulti\",e@example.com\n" // a quoted line break, which is CSV
        + "P6,Fa,f@example.com\n").getBytes(StandardCharsets.UTF_8));

    ReferenceData ref = read();

    assertThat(ref.people()).extracting(p -> p.personId()).containsExactly("P1", "P3", "P5", "P6");
    assertThat(ref.people().get(2).fullName()).isEqualTo("Ed\nMulti");
    assertThat(rejections).extracting(Rejection::line).containsExactly(3L, 5L);
    assertThat(rejections).extracting(Rejection::reason).allSatisfy(r ->
        assertThat(r).startsWith("not CSV: ").endsWith("; row skipped, reading on at the next line").doesNotContain("line 1)"));
  }

  @Test
  void aRowThatIsNotCsv_inAWindowsFile_costsThatRowToo() throws IOException {
    // Excel ends every line with \r\n: the line to start again after ends with one as well
    Files.write(dir.resolve("people.csv"), ("person_id,full_name,email\r\n"
        + "P1,Ana,a@example.com\r\n"
        + "P2,\"Bo,b@example.com\r\n"
        + "P3,Cy,c@example.com\r\n"
        + "P4,\"Di\"x,d@example.com\r\n"
        + "P5,Ed,e@example.com\r\n").getBytes(StandardCharsets.UTF_8));

    ReferenceData ref = read();

    assertThat(ref.people()).extracting(p -> p.personId()).containsExactly("P1", "P3", "P5");
    assertThat(rejections).extracting(Rejection::line).containsExactly(3L, 5L);
  }

  @Test
  void people_areReadByHeader_unknownColumnsIgnored_emptyIsNull_badRowsRejected_badCellsUnknown() throws IOException {
    Files.write(dir.resolve("people.csv"), ("\uFEFFperson_id,Full_Name,email,shoe_size,hire_date,timezone,home_street,home_city,home_country\n"
        + "P1,\"Ruiz, Ana\",ana@example.com,42,2025-01-06,America/Chicago,\"12 Oak St\nApt 4\",Austin,US\n"
        + "P2,Bad Date,b@example.com,,2025-13-01,,,,\n"
        + ",No Id,c@example.com,,,,,,\n"
        + "P3,Bad Zone,d@example.com,,,Mars/Olympus,,,\n"
        + "P1,Duplicate,e@example.com,,,,,,\n"
        + "P4,,,,,,,,\n").getBytes(StandardCharsets.UTF_8));

    ReferenceData ref = read();

    // a bad hire date or zone is unknown, not a reason to stop watching the person
    assertThat(ref.people()).extracting(p -> p.personId()).containsExactly("P1", "P2", "P3", "P4");
    var ana = ref.people().get(0);
    assertThat(ana.fullName()).isEqualTo("Ruiz, Ana");
    assertThat(ana.hireDate()).isEqualTo(LocalDate.of(2025, 1, 6));
    assertThat(ana.timezone()).isEqualTo(ZoneId.of("America/Chicago"));
    assertThat(ana.home().street()).isEqualTo("12 Oak St\nApt 4");
    assertThat(ref.people().get(1).hireDate()).isNull();
    assertThat(ref.people().get(1).email()).isEqualTo("b@example.com");
    assertThat(ref.people().get(2).timezone()).isNull();
    assertThat(ref.people().get(3).email()).isNull();
    assertThat(rejections).extracting(Rejection::file).containsOnly("people.csv");
    assertThat(rejections).extracting(Rejection::line, Rejection::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(4L, "hire_date is not a date (YYYY-MM-DD): \"2025-13-01\"; read as unknown, the rest of the row kept"),
        org.assertj.core.groups.Tuple.tuple(5L, "missing person_id"),
        org.assertj.core.groups.Tuple.tuple(6L, "timezone is not an IANA time zone (e.g. America/Chicago): \"Mars/Olympus\"; read as unknown, the rest of the row kept"),
        org.assertj.core.groups.Tuple.tuple(7L, "duplicate person_id \"P1\" (first at line 3)"));
  }

  @Test
  void peopleCsv_fromExcelOnWindows_isReadAsWindows1252_withOneWarning() throws IOException {
    Files.write(dir.resolve("people.csv"), concat(
        "person_id,full_name,home_street\nP1,Ana Ruiz,1 Elm St\nP2,Jos".getBytes(StandardCharsets.US_ASCII),
        new byte[] {(byte) 0xE9},  // é
        ",\"O".getBytes(StandardCharsets.US_ASCII),
        new byte[] {(byte) 0x92},  // the right single quote Excel puts in O'Brien Rd
        "Brien Rd\"\n".getBytes(StandardCharsets.US_ASCII)));

    ReferenceData ref = read();

    assertThat(ref.people()).extracting(p -> p.fullName()).containsExactly("Ana Ruiz", "José");
    assertThat(ref.people().get(1).home().street()).isEqualTo("O\u2019Brien Rd");
    assertThat(rejections).singleElement().satisfies(r -> {
      assertThat(r.file()).isEqualTo("people.csv");
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.reason()).startsWith("not UTF-8: read as Windows-1252").contains("every row kept");
    });
  }

  @Test
  void csvMixingUtf8AndOtherBytes_rejectsTheRowsWithBadBytes_andKeepsTheOthers() throws IOException {
    Files.write(dir.resolve("people.csv"), concat(
        "person_id,full_name\nP1,Jos\u00e9\nP2,Ren".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xE9, 'e', '\n'},
        "P3,\"Zo\u00eb\nSmith\"\n".getBytes(StandardCharsets.UTF_8)));
    Files.write(dir.resolve("devices.csv"), concat(
        "device_id,model\nD1,Lat\u00e9\n".getBytes(StandardCharsets.UTF_8), new byte[] {'D', '2', ',', (byte) 0xFF, '\n'},
        "D3,x\n".getBytes(StandardCharsets.UTF_8)));

    ReferenceData ref = read();

    assertThat(ref.people()).extracting(p -> p.personId() + ":" + p.fullName()).containsExactly("P1:José", "P3:Zoë\nSmith");
    assertThat(ref.devices()).extracting(d -> d.deviceId()).containsExactly("D1", "D3");
    assertThat(rejections).extracting(Rejection::file, Rejection::line).containsExactly(
        org.assertj.core.groups.Tuple.tuple("people.csv", 3L), org.assertj.core.groups.Tuple.tuple("devices.csv", 3L));
    assertThat(rejections).allSatisfy(r -> assertThat(r.reason()).startsWith("bytes that are not UTF-8"));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void devicesApplicantsPayrollWatchlists_areRead_withDatesOrTimes() throws IOException {
    Files.writeString(dir.resolve("devices.csv"), "device_id,hostname,person_id,shipped_at,ship_city\n"
        + "D1,LT-1,P1,2025-01-02,Austin\nD2,LT-2,P2,2025-01-02T10:00:00-06:00,\nD3,LT-3,P3,yesterday,\n");
    Files.writeString(dir.resolve("applicants.csv"), "applicant_id,applied_at,linkedin_connections,dob\n"
        + "A1,2025-01-01T00:00:00Z,17,1990-02-03\nA2,2025-01-01,many,\n");
    Files.writeString(dir.resolve("payroll.csv"), "person_id,changed_at,field,old_value,new_value\n"
        + "P1,2025-03-01,bank_account_id,h1,h2\nP1,2025-03-01,shoe_size,1,2\nP1,,payee_name,a,b\n");
    Files.createDirectories(dir.resolve("watchlists"));
    Files.writeString(dir.resolve("watchlists/ips.csv"), "type,value,label,source\nip,1.2.3.4,vps,feed\nbogus,x,,\ncidr,,,\n");

    ReferenceData ref = read();

    assertThat(ref.devices()).extracting(d -> d.shippedAt()).containsExactly(
        Instant.parse("2025-01-02T00:00:00Z"), Instant.parse("2025-01-02T16:00:00Z"), null);
    assertThat(ref.devices().get(0).shipTo().city()).isEqualTo("Austin");
    assertThat(ref.applicants()).hasSize(2);
    assertThat(ref.applicants().get(0).linkedinConnections()).isEqualTo(17);
    assertThat(ref.applicants().get(0).dob()).isEqualTo(LocalDate.of(1990, 2, 3));
    // an applicant who typed "many" into a count is still vetted
    assertThat(ref.applicants().get(1).linkedinConnections()).isNull();
    assertThat(ref.applicants().get(1).appliedAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(ref.payroll()).singleElement().extracting(PayrollChange::field).isEqualTo(PayrollChange.Field.BANK_ACCOUNT_ID);
    assertThat(ref.watchlist()).singleElement().extracting(WatchlistEntry::value).isEqualTo("1.2.3.4");
    assertThat(rejections).extracting(r -> r.file() + ":" + r.line()).containsExactly(
        "devices.csv:4", "applicants.csv:3", "payroll.csv:3", "payroll.csv:4", "watchlists/ips.csv:3", "watchlists/ips.csv:4");
    assertThat(rejections.get(0).reason())
        .isEqualTo("shipped_at is not a date (YYYY-MM-DD) or RFC 3339 time: \"yesterday\"; read as unknown, the rest of the row kept");
    assertThat(rejections.get(3).reason()).isEqualTo("missing changed_at");
  }

  @Test
  void aPayrollChangeWhoseTimeIsNotATime_isRejected_withTheCellsProblem() throws IOException {
    Files.writeString(dir.resolve("payroll.csv"), "person_id,changed_at,field,old_value,new_value\n"
        + "P1,last week,bank_account_id,h1,h2\nP1,2025-03-01,bank_account_id,h2,h3\n");
    ReferenceData ref = read();
    assertThat(ref.payroll()).singleElement().extracting(PayrollChange::newValue).isEqualTo("h3");
    assertThat(rejections).singleElement().satisfies(r -> assertThat(r.reason())
        .isEqualTo("changed_at is not a date (YYYY-MM-DD) or RFC 3339 time: \"last week\""));
  }
}
