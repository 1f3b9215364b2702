package org.unmask.analytics;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.unmask.event.Event;

/**
 * Recognises events that show a laptop being driven remotely: an RMM or remote-desktop process,
 * a USB gadget of the Linux Foundation (the id PiKVM, TinyPilot and most DIY KVMs present), or a
 * KVM's HDMI capture announcing itself as a monitor (THREAT.md S1-S7). Exact Sigma rules report
 * each of these with full detail; this class only answers "is this remote control?" for detectors
 * that reason about timing.
 */
final class RemoteControl {

  /** Process images of remote-access tools named by Mandiant, the FBI and the LOLRMM catalogue. */
  private static final Set<String> PROCESSES = Set.of(
      "anydesk.exe", "anydesk", "teamviewer.exe", "teamviewer_service.exe", "teamviewer", "tv_w32.exe", "tv_x64.exe",
      "remoting_host.exe", "chrome_remote_desktop_host", "remoting_desktop.exe", "rustdesk.exe", "rustdesk",
      "screenconnect.clientservice.exe", "screenconnect.windowsclient.exe", "connectwisecontrol.client.exe",
      "logmein.exe", "lmiguardiansvc.exe", "gotoassist.exe", "g2ax_comm_expert.exe", "srservice.exe",
      "splashtop.exe", "srmanager.exe", "strwinclt.exe", "ateraagent.exe", "meshagent.exe", "meshagent",
      "client32.exe", "parsecd.exe", "parsec.exe", "dwagent.exe", "getscreen.exe", "ultraviewer.exe",
      "supremo.exe", "aeroadmin.exe", "ammyy_admin.exe", "zohoassist.exe", "remotepc.exe", "nomachine.exe",
      "nxplayer.bin", "tightvnc.exe", "tvnserver.exe", "winvnc.exe", "vncserver.exe", "realvnc.exe");

  private RemoteControl() {}

  /** A short description of the remote control this event shows, or null. */
  static String describe(Event e) {
    switch (e.dataset()) {
      case "endpoint.process" -> {
        String name = e.text("process.name");
        if (name != null && PROCESSES.contains(name.toLowerCase(Locale.ROOT))) {
          return "remote-access tool " + name;
        }
      }
      case "endpoint.usb" -> {
        List<String> classes = e.texts("usb.interface_classes");
        boolean mayBeKeyboard = classes.isEmpty() || classes.contains("03"); // 03h = HID
        if (!"disconnected".equals(e.text("event.action")) && "1d6b".equalsIgnoreCase(e.text("usb.vendor_id"))
            && mayBeKeyboard) {
          String product = e.text("usb.product");
          return "Linux USB gadget " + e.text("usb.vendor_id") + ":" + e.text("usb.product_id")
              + (product == null ? "" : " (" + product + ")");
        }
      }
      case "endpoint.display" -> {
        String mfg = e.text("display.edid.manufacturer_id");
        String name = e.text("display.edid.monitor_name");
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.contains("pikvm") || lower.contains("tinypilot")
            || ("TSB".equalsIgnoreCase(mfg) && "9876".equalsIgnoreCase(e.text("display.edid.product_code")))) {
          return "KVM video capture announced as monitor '" + name + "'";
        }
      }
      default -> {
        return null;
      }
    }
    return null;
  }
}
