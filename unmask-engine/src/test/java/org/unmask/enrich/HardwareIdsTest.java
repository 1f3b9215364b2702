package org.unmask.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HardwareIdsTest {

  private static final HardwareIds IDS = HardwareIds.shipped();

  @Test
  void usb_namesVendorsAndProducts_inAnySpelling() {
    assertThat(IDS.usbVendor("1d6b")).contains("Linux Foundation");
    assertThat(IDS.usbVendor("0x1D6B")).contains("Linux Foundation");
    assertThat(IDS.usbProduct("1d6b", "0104")).contains("Multifunction Composite Gadget");
    assertThat(IDS.usbVendor("046d")).contains("Logitech, Inc.");
    assertThat(IDS.usbProduct("046D", "c52b")).contains("Unifying Receiver");
  }

  @Test
  void usb_returnsEmpty_forUnknownOrMalformedIds() {
    assertThat(IDS.usbVendor("zzzz")).isEmpty();
    assertThat(IDS.usbVendor("12345")).isEmpty();
    assertThat(IDS.usbProduct("1d6b", null)).isEmpty();
    assertThat(IDS.usbProduct("1d6b", "fffe")).isEmpty();
  }

  @Test
  void display_namesEdidManufacturers() {
    assertThat(IDS.displayManufacturer("DEL")).contains("Dell Inc.");
    assertThat(IDS.displayManufacturer("lnx")).contains("The Linux Foundation");
    assertThat(IDS.displayManufacturer("TSB")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("Toshiba"));
    assertThat(IDS.displayManufacturer("DELL")).isEmpty();
  }
}
