import { describe, expect, it } from "vitest";
import { isAllowedHost, isPrivateHost, parseAllowedHosts } from "../../../src/pipeline/fetch/private-address.ts";
import { checkUrl, FetchError } from "../../../src/pipeline/fetch/safe-fetch.ts";

const host = (url: string) => new URL(url).hostname;

describe("private address guard", () => {
  it.each([
    "http://127.0.0.1/",
    "http://127.1/",
    "http://0x7f.0.0.1/",
    "http://2130706433/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
    "http://[::1]/",
    "http://[::]/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://[fe80::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[64:ff9b::10.0.0.1]/",
    "http://localhost/",
    "http://api.localhost/",
    "http://metadata.google.internal/",
    "http://printer.local/",
    "http://intranet/",
  ])("refuses %s", (url) => {
    expect(isPrivateHost(host(url))).toBe(true);
  });

  // Forms that slipped past the guard before (issue 13): IPv6 that carries IPv4 through a
  // translator or tunnel, non-decimal IPv4, and names that resolve to loopback or to the
  // private address they spell.
  it.each([
    "http://[::ffff:0:127.0.0.1]/",
    "http://[::ffff:0:8.8.8.8]/",
    "http://[2002:7f00:1::]/",
    "http://[2002:a00:1::1]/",
    "http://[2002:c0a8:101::]/",
    "http://[2002:a9fe:a9fe::]/",
    "http://[64:ff9b::127.0.0.1]/",
    "http://[64:ff9b::8.8.8.8]/",
    "http://[64:ff9b:1::a00:1]/",
    "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
    "http://[::127.0.0.1]/",
    "http://[::8.8.8.8]/",
    "http://[100::1]/",
    "http://0177.0.0.1/",
    "http://017700000001/",
    "http://0x7f000001/",
    "http://0x7f.0x0.0x0.0x1/",
    "http://127.0.0.1.nip.io/",
    "http://app.10.0.0.1.nip.io/",
    "http://magic-7f000001.nip.io/",
    "http://127-0-0-1.sslip.io/",
    "http://--1.sslip.io/",
    "http://localtest.me/",
    "http://www.localtest.me/",
    "http://a.b.lvh.me/",
    "http://localhost./",
    "http://localhost../",
    "http://api.localhost./",
    "http://127-0-0-1.example.com/",
    "http://app-192-168-1-1.example.net/",
    "http://10.0.0.1.example.org/",
    "http://ip-169-254-169-254.example.com/",
  ])("refuses the smuggled form %s", (url) => {
    expect(isPrivateHost(host(url))).toBe(true);
  });

  it.each([
    "https://opentdb.com/api.php",
    "http://8.8.8.8/",
    "http://172.32.0.1/",
    "http://192.169.0.1/",
    "http://[2606:4700:4700::1111]/",
    "http://[::ffff:8.8.8.8]/",
    "http://[2002:808:808::1]/",
    "http://ec2-54-1-2-3.compute-1.amazonaws.com/",
    "http://quiz-2024-01-02.example.com/",
  ])("allows %s", (url) => {
    expect(isPrivateHost(host(url))).toBe(false);
  });

  it("canonicalizes a host given outside a URL, and refuses one that is no host", () => {
    expect(isPrivateHost("0177.0.0.1")).toBe(true);
    expect(isPrivateHost("2130706433")).toBe(true);
    expect(isPrivateHost("::ffff:0:7f00:1")).toBe(true);
    expect(isPrivateHost("LOCALHOST.")).toBe(true);
    expect(isPrivateHost("exa mple.com")).toBe(true);
    expect(isPrivateHost("opentdb.com")).toBe(false);
  });

  it("lets listed hosts through, with or without IPv6 brackets", () => {
    const allowed = parseAllowedHosts(" 127.0.0.1, localhost ,[::1]");
    expect(isAllowedHost("127.0.0.1", allowed)).toBe(true);
    expect(isAllowedHost("LOCALHOST", allowed)).toBe(true);
    expect(isAllowedHost("[::1]", allowed)).toBe(true);
    expect(isAllowedHost("10.0.0.1", allowed)).toBe(false);
    expect(parseAllowedHosts("")).toEqual(new Set());
  });

  it("refuses other schemes and credentials in URLs", () => {
    const none = new Set<string>();
    for (const url of ["file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/"]) {
      expect(() => checkUrl(new URL(url), none)).toThrow(FetchError);
    }
    expect(() => checkUrl(new URL("https://user:pw@example.com/"), none)).toThrow(/credentials/);
    expect(() => checkUrl(new URL("http://10.0.0.1/"), none)).toThrow(/SCRAPER_ALLOWED_PRIVATE_HOSTS/);
    expect(() => checkUrl(new URL("http://10.0.0.1/"), new Set(["10.0.0.1"]))).not.toThrow();
  });
});
