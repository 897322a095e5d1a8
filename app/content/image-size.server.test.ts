import { expect, test } from "vitest";
import { imageInfo } from "./image-size.server";

function png(width: number, height: number) {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "latin1");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

function jpeg(width: number, height: number) {
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...Buffer.from("JFIF\0"), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const dqt = [0xff, 0xdb, 0x00, 0x04, 0x00, 0x00];
  const sof = [
    0xff,
    0xc2,
    0x00,
    0x0b,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x01,
    0x01,
    0x11,
    0x00,
  ];
  return Buffer.from([0xff, 0xd8, ...app0, 0xff, ...dqt, ...sof, 0xff, 0xd9]);
}

function gif(width: number, height: number) {
  const b = Buffer.alloc(13);
  b.write("GIF89a", 0, "latin1");
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b;
}

function riff(chunk: string, payload: number[]) {
  const data = Buffer.from(payload);
  const b = Buffer.alloc(20 + data.length);
  b.write("RIFF", 0, "latin1");
  b.writeUInt32LE(b.length - 8, 4);
  b.write("WEBP", 8, "latin1");
  b.write(chunk, 12, "latin1");
  b.writeUInt32LE(data.length, 16);
  data.copy(b, 20);
  return b;
}

test("PNG size comes from IHDR", () => {
  expect(imageInfo("a.png", png(640, 480))).toEqual({ mime: "image/png", width: 640, height: 480 });
});

test("JPEG size comes from the first SOF marker after other segments", () => {
  expect(imageInfo("photo.JPG", jpeg(1024, 768))).toEqual({ mime: "image/jpeg", width: 1024, height: 768 });
  expect(imageInfo("photo.jpeg", jpeg(3, 2))).toEqual({ mime: "image/jpeg", width: 3, height: 2 });
});

test("JPEG without a frame header is refused", () => {
  expect(imageInfo("x.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xd9]))).toHaveProperty("error");
  expect(imageInfo("x.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toHaveProperty("error");
});

test("GIF size is little-endian at offset 6", () => {
  expect(imageInfo("a.gif", gif(300, 2))).toEqual({ mime: "image/gif", width: 300, height: 2 });
});

test("WebP lossy (VP8)", () => {
  const w = 500;
  const h = 300;
  const b = riff("VP8 ", [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, w & 0xff, w >> 8, h & 0xff, h >> 8]);
  expect(imageInfo("a.webp", b)).toEqual({ mime: "image/webp", width: 500, height: 300 });
});

test("WebP lossless (VP8L)", () => {
  const bits = (400 - 1) | ((200 - 1) << 14);
  const b = riff("VP8L", [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]);
  expect(imageInfo("a.webp", b)).toEqual({ mime: "image/webp", width: 400, height: 200 });
});

test("WebP extended (VP8X)", () => {
  const w = 70000 - 1;
  const h = 2 - 1;
  const b = riff("VP8X", [0x10, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, w >> 16, h & 0xff, 0, 0]);
  expect(imageInfo("a.webp", b)).toEqual({ mime: "image/webp", width: 70000, height: 2 });
});

test("SVG width and height, with or without px", () => {
  const svg = `<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" width="120px" height='80'><rect/></svg>`;
  expect(imageInfo("d.svg", Buffer.from(svg))).toEqual({ mime: "image/svg+xml", width: 120, height: 80 });
});

test("SVG falls back to the viewBox", () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150" width="100%"></svg>`;
  expect(imageInfo("d.svg", Buffer.from(svg))).toEqual({ mime: "image/svg+xml", width: 300, height: 150 });
  const oneSide = `<svg viewBox="0,0,300,150" width="600"/>`;
  expect(imageInfo("d.svg", Buffer.from(oneSide))).toEqual({ mime: "image/svg+xml", width: 600, height: 300 });
});

test("SVG without any size is refused", () => {
  expect(imageInfo("d.svg", Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`))).toEqual({
    error: "the SVG has no size: give the svg element width and height (in px) or a viewBox",
  });
});

test("unknown types, truncated headers and mismatched names are refused", () => {
  expect(imageInfo("notes.txt", Buffer.from("hello"))).toHaveProperty("error");
  expect(imageInfo("a.png", Buffer.from("hello"))).toEqual({ error: "not a readable PNG image" });
  expect(imageInfo("a.png", png(1, 1).subarray(0, 20))).toEqual({ error: "the PNG header is unreadable" });
  expect(imageInfo("a.gif", Buffer.from("GIF89a"))).toEqual({ error: "the GIF header is unreadable" });
  expect(imageInfo("a.webp", riff("VP8 ", [0, 0, 0, 1, 2, 3]))).toHaveProperty("error");
  expect(imageInfo("a.jpg", png(1, 1))).toEqual({ error: "the name ends in .jpg but the file is a PNG image" });
  expect(imageInfo("a.png", png(0, 10))).toEqual({ error: "the PNG image has no size" });
});
