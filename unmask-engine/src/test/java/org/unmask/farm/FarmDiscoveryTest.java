package org.unmask.farm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.unmask.event.Event;
import org.unmask.event.Finding;
import org.unmask.reference.Address;
import org.unmask.reference.PayrollChange;
import org.unmask.reference.Person;
import org.unmask.reference.ReferenceData;
import org.unmask.testing.DetectorHarness;
import org.unmask.testing.Events;
import org.unmask.testing.People;
import org.unmask.verdict.LinkObservation;

class FarmDiscoveryTest {

  private static final Person ANA = People.person("p1", "Ana Ruiz", "Dallas", "1 Oak St", "America/Chicago");
  private static final Person BO = People.person("p2", "Bo Li", "Boise", "2 Elm St", "America/Boise");
  private static final Person CY = People.person("p3", "Cy Orr", "Reno", "3 Fir St", "America/Los_Angeles");
  private static final Person DEE_RUIZ = People.person("p4", "Dee Ruiz", "Dallas", "1 Oak Street", "America/Chicago");
  private static final Person EVE = People.person("p5", "Eve Kim", "Dallas", "9 Pine St", "America/Chicago");

  private static List<Event> inventoryDays(String personId, String ip, String bssid, int days, String extraFlag) {
    List<Event> events = new ArrayList<>();
    for (int d = 0; d < days; d++) {
      Instant t = Instant.parse("2026-05-04T15:00:00Z").plus(d, ChronoUnit.DAYS);
      var e = Events.at(t.toString(), "endpoint.inventory", "host.id", "d-" + personId, "host.public_ip", ip,
          "host.public.unmask.network", "residential", "network.wifi.bssid", bssid);
      if (extraFlag != null) {
        e = e.with(java.util.Map.of(extraFlag, true));
      }
      events.add(e);
    }
    return events;
  }

  private static ReferenceData ref(Person... people) {
    List<org.unmask.reference.Device> devices = new ArrayList<>();
    for (Person p : people) {
      devices.add(People.laptop("d-" + p.personId(), p.personId(), "2026-04-01T00:00:00Z"));
    }
    return People.of(List.of(people), devices);
  }

  private static List<LinkObservation> links(ReferenceData ref, List<Event> events) {
    List<LinkObservation> out = new ArrayList<>(DetectorHarness.of(SharedInfrastructure.egressAddress(), ref).feed(events).links());
    out.addAll(DetectorHarness.of(SharedInfrastructure.wifi(), ref).feed(events).links());
    return out;
  }

  @Test
  void threeLaptopsOfStrangers_behindOneHomeNetwork_formAFarm() {
    ReferenceData ref = ref(ANA, BO, CY);
    List<Event> events = new ArrayList<>();
    for (Person p : List.of(ANA, BO, CY)) {
      events.addAll(inventoryDays(p.personId(), "73.10.10.10", "aa:bb:cc:dd:ee:ff", 5, null));
    }
    FarmGraph.Result result = FarmGraph.build(ref, links(ref, events));
    assertThat(result.farms()).singleElement().satisfies(f -> {
      assertThat(f.persons()).containsExactly("p1", "p2", "p3");
      assertThat(f.devices()).containsExactly("d-p1", "d-p2", "d-p3");
      assertThat(f.shared()).extracting(s -> s.type()).contains("ip", "bssid");
    });
    assertThat(result.findings()).extracting(Finding::ruleId).containsOnly("unmask.farm.member").hasSize(3);
    // two kinds shared (egress address and Wi-Fi): more than one kind alone would weigh
    assertThat(result.findings()).allSatisfy(f -> assertThat(f.risk()).isEqualTo(FarmGraph.pointsFor(2)));
    assertThat(FarmGraph.pointsFor(2)).isGreaterThan(FarmGraph.pointsFor(1));
    assertThat(FarmGraph.pointsFor(5)).isEqualTo(FarmGraph.pointsFor(3));
    assertThat(result.findings().get(0).timestamp()).isEqualTo(Instant.parse("2026-05-05T15:00:00Z"));
  }

  @Test
  void laptopsOnIpv6_eachWithItsOwnDailyAddress_inOneHomeNetwork_formAFarm() {
    // no NAT on IPv6: each laptop picks its own address in the home's /64, a new one every day
    ReferenceData ref = ref(ANA, BO, CY);
    List<Event> events = new ArrayList<>();
    int n = 0;
    for (Person p : List.of(ANA, BO, CY)) {
      for (int d = 0; d < 4; d++) {
        String ip = "2601:1c0:4e01:9b20:" + Integer.toHexString(0x1000 + n++) + ":5eff:fe12:3456";
        events.add(Events.at(Instant.parse("2026-05-04T15:00:00Z").plus(d, ChronoUnit.DAYS).toString(), "endpoint.inventory",
            "host.id", "d-" + p.personId(), "host.public_ip", ip, "host.public.unmask.network", "residential"));
      }
    }
    List<LinkObservation> links = DetectorHarness.of(SharedInfrastructure.egressAddress(), ref).feed(events).links();
    assertThat(links).hasSize(3).allSatisfy(l -> {
      assertThat(l.link().attribute().value()).isEqualTo("2601:1c0:4e01:9b20::/64");
      assertThat(l.link().explanation()).contains("residential IPv6 network 2601:1c0:4e01:9b20::/64");
    });
    assertThat(FarmGraph.build(ref, links).farms()).singleElement()
        .satisfies(f -> assertThat(f.persons()).containsExactly("p1", "p2", "p3"));
  }

  @Test
  void ipv6AddressesInDifferentHomeNetworks_ofOneProvider_areNotLinked() {
    ReferenceData ref = ref(ANA, BO);
    List<Event> events = new ArrayList<>();
    events.addAll(inventoryDays("p1", "2601:1c0:4e01:9b20::10", "aa:bb:cc:00:00:01", 4, null));
    events.addAll(inventoryDays("p2", "2601:1c0:4e01:9b21::10", "aa:bb:cc:00:00:02", 4, null));
    assertThat(DetectorHarness.of(SharedInfrastructure.egressAddress(), ref).feed(events).links()).isEmpty();
  }

  @Test
  void anIpv4MappedSpelling_isTheSameAddress() {
    ReferenceData ref = ref(ANA, BO);
    List<Event> events = new ArrayList<>();
    events.addAll(inventoryDays("p1", "73.10.10.10", "aa:bb:cc:00:00:01", 3, null));
    events.addAll(inventoryDays("p2", "::ffff:73.10.10.10", "aa:bb:cc:00:00:01", 3, null));
    assertThat(DetectorHarness.of(SharedInfrastructure.egressAddress(), ref).feed(events).links()).singleElement()
        .satisfies(l -> assertThat(l.link().attribute().value()).isEqualTo("73.10.10.10"));
  }

  @Test
  void oneAuthenticatorApprovingTwoPeoplesSignIns_linksThem() {
    ReferenceData ref = ref(ANA, BO);
    List<Event> events = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      for (String p : List.of("p1", "p2")) {
        events.add(Events.at(Instant.parse("2026-05-04T15:00:00Z").plus(d, ChronoUnit.DAYS).toString(), "idp.signin",
            "user.email", p + "@example.com", "device.id", "auth-7f3a", "event.outcome", "success"));
      }
    }
    List<LinkObservation> links = DetectorHarness.of(SharedInfrastructure.authenticator(), ref).feed(events).links();
    assertThat(FarmGraph.build(ref, links).farms()).singleElement()
        .satisfies(f -> assertThat(f.shared()).extracting(s -> s.type()).containsExactly("mfa_device"));
  }

  @Test
  void household_sharingHomeNetwork_isNotAFarm() {
    ReferenceData ref = ref(ANA, DEE_RUIZ);
    List<Event> events = new ArrayList<>(inventoryDays("p1", "73.10.10.10", "aa:bb", 10, null));
    events.addAll(inventoryDays("p4", "73.10.10.10", "aa:bb", 10, null));
    assertThat(FarmGraph.build(ref, links(ref, events)).farms()).isEmpty();
  }

  @Test
  void carrierGradeNatAddress_isNotAFarm() {
    ReferenceData ref = ref(ANA, BO);
    List<Event> events = new ArrayList<>(inventoryDays("p1", "100.70.1.1", "11:11", 10, "host.public.unmask.shared_by_design"));
    events.addAll(inventoryDays("p2", "100.70.1.1", "22:22", 10, "host.public.unmask.shared_by_design"));
    assertThat(FarmGraph.build(ref, links(ref, events)).farms()).isEmpty();
  }

  @Test
  void twoStrangersBehindOneAddress_onDifferentWifiNetworks_areNotAFarm() {
    // an ISP that shares one public address among customers: different homes, different routers
    ReferenceData ref = ref(ANA, BO);
    List<Event> events = new ArrayList<>(inventoryDays("p1", "73.10.10.10", "10:20:30:40:50:60", 10, null));
    events.addAll(inventoryDays("p2", "73.10.10.10", "a0:b0:c0:d0:e0:f0", 10, null));
    assertThat(FarmGraph.build(ref, links(ref, events)).farms()).isEmpty();
  }

  @Test
  void twoStrangersBehindOneAddress_onTwoRadiosOfOneRouter_areAFarm() {
    ReferenceData ref = ref(ANA, BO);
    List<Event> events = new ArrayList<>(inventoryDays("p1", "73.10.10.10", "10:20:30:40:50:60", 10, null));
    events.addAll(inventoryDays("p2", "73.10.10.10", "10:20:30:40:50:61", 10, null));
    assertThat(FarmGraph.build(ref, links(ref, events)).farms()).singleElement()
        .satisfies(f -> assertThat(f.shared()).extracting(s -> s.type()).containsExactly("ip"));
  }

  @Test
  void coworkingSpace_inTheClaimedCity_isNotAFarm() {
    ReferenceData ref = ref(ANA, EVE);
    List<Event> events = new ArrayList<>(inventoryDays("p1", "64.1.1.1", "cc:cc", 10, null));
    events.addAll(inventoryDays("p5", "64.1.1.1", "cc:dd", 10, null));
    assertThat(FarmGraph.build(ref, links(ref, events)).farms()).isEmpty();
  }

  @Test
  void oneVisit_isNotAFarm() {
    ReferenceData ref = ref(ANA, BO);
    List<Event> events = new ArrayList<>(inventoryDays("p1", "73.10.10.10", "aa:bb", 10, null));
    events.addAll(inventoryDays("p2", "73.10.10.10", "aa:bb", 1, null));
    assertThat(FarmGraph.build(ref, links(ref, events)).farms()).isEmpty();
  }

  @Test
  void salaryAccountSharedByStrangers_linksThem_butAJointAccountDoesNot() {
    List<PayrollChange> payroll = List.of(
        new PayrollChange("p2", Instant.parse("2026-02-01T00:00:00Z"), PayrollChange.Field.BANK_ACCOUNT_ID, "acct-p2", "acct-x"),
        new PayrollChange("p3", Instant.parse("2026-02-03T00:00:00Z"), PayrollChange.Field.BANK_ACCOUNT_ID, "acct-p3", "acct-x"),
        new PayrollChange("p4", Instant.parse("2026-02-03T00:00:00Z"), PayrollChange.Field.BANK_ACCOUNT_ID, "acct-p4", "acct-p1"));
    ReferenceData ref = new ReferenceData(List.of(ANA, BO, CY, DEE_RUIZ), List.of(), List.of(), payroll, List.of());
    MoneyTrail.Result money = MoneyTrail.analyse(ref);
    assertThat(money.findings()).filteredOn(f -> f.ruleId().equals("unmask.pay.shared_account"))
        .extracting(f -> f.entity().id()).containsExactlyInAnyOrder("p2", "p3");
    assertThat(FarmGraph.build(ref, money.links()).farms()).singleElement()
        .satisfies(f -> assertThat(f.persons()).containsExactly("p2", "p3"));
  }

  @Test
  void organisationPayee_fires_butAContractorsOwnCompanyDoesNot() {
    Person shell = new Person("p6", "Sam Hill", "p6@example.com", null, null, null, null, "Engineer", "Eng", null,
        new Address("5 Ash St", "Miami", "FL", "33101", "US"), java.time.ZoneId.of("America/New_York"), "acct-6",
        "Yanbian Silverstar Network Technology Co. Ltd");
    Person contractor = new Person("p7", "Kim Ochoa", "p7@example.com", null, null, null, null, "Contractor", "Eng", null,
        new Address("6 Ash St", "Miami", "FL", "33101", "US"), java.time.ZoneId.of("America/New_York"), "acct-7",
        "Ochoa Consulting LLC");
    ReferenceData ref = new ReferenceData(List.of(shell, contractor), List.of(), List.of(), List.of(), List.of());
    assertThat(MoneyTrail.analyse(ref).findings()).extracting(f -> f.entity().id()).containsExactly("p6");
  }
}
