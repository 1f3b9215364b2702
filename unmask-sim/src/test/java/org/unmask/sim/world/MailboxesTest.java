package org.unmask.sim.world;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailboxesTest {

  @Test
  void gmailDotAndPlusVariants_areOneMailbox_soASecondStrangerCannotTakeIt() {
    Mailboxes m = new Mailboxes();
    assertThat(m.take("william.moore@gmail.com")).isTrue();
    assertThat(m.take("williammoore@gmail.com")).isFalse();
    assertThat(m.take("William.Moore+jobs@googlemail.com")).isFalse();
    assertThat(m.take("williammoore7@gmail.com")).isTrue();
  }

  @Test
  void otherProviders_keepTheirDots() {
    Mailboxes m = new Mailboxes();
    assertThat(m.take("julia.martin@yahoo.com")).isTrue();
    assertThat(m.take("juliamartin@yahoo.com")).isTrue();
    assertThat(m.take("julia.martin@yahoo.com")).isFalse();
  }
}
