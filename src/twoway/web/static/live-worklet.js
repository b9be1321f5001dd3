/* twoway Live: an AudioWorklet that turns one input into 16 kHz mono float32 blocks.
 *
 * Loaded by live.js (audioWorklet.addModule), one node per source. Each render quantum is mixed
 * down to mono, low-passed below 8 kHz (a windowed-sinc FIR at the context's rate, so nothing
 * above the new Nyquist frequency folds back as noise into the voice detector) and read at
 * 16 kHz by linear interpolation between filtered samples. Every BLOCK_MS of output is posted to
 * the page as one Float32Array, which the page sends to twoway over the WebSocket.
 */
"use strict";

const OUT_RATE = 16000;
const CUTOFF_HZ = 7200; // 0.45 of 16 kHz: the pass band ends here...
const TRANSITION_HZ = 1600; // ...and the stop band starts at 8.8 kHz, folding onto 7.2 kHz and up

/** A Blackman-windowed sinc low-pass, normalised to unit gain at 0 Hz. */
function lowPass(rate) {
  let count = Math.ceil((5.5 * rate) / TRANSITION_HZ);
  if (count % 2 === 0) count += 1;
  const middle = (count - 1) / 2;
  const fc = CUTOFF_HZ / rate;
  const taps = new Float32Array(count);
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const x = k - middle;
    const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * k) / (count - 1)) + 0.08 * Math.cos((4 * Math.PI * k) / (count - 1));
    taps[k] = sinc * w;
    sum += taps[k];
  }
  for (let k = 0; k < count; k++) taps[k] /= sum;
  return taps;
}

class TwowayDownsampler extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const blockMs = (options && options.processorOptions && options.processorOptions.blockMs) || 50;
    this.blockSize = Math.round((OUT_RATE * blockMs) / 1000);
    this.block = new Float32Array(this.blockSize);
    this.filled = 0;
    this.step = sampleRate / OUT_RATE; // input samples per output sample
    this.taps = this.step > 1 ? lowPass(sampleRate) : new Float32Array([1]);
    // Raw input, starting with len(taps) - 1 zeros so the first samples are filtered too;
    // ``start`` is the absolute index of buffer[0], ``next`` the position of the next output.
    this.buffer = new Float32Array(this.taps.length + 4096);
    this.length = this.taps.length - 1;
    this.start = -(this.taps.length - 1);
    this.next = 0;
  }

  filtered(index) {
    // The FIR's output at absolute input index ``index`` (needs index - taps + 1 .. index).
    const taps = this.taps;
    const end = index - this.start;
    let sum = 0;
    for (let k = 0; k < taps.length; k++) sum += taps[k] * this.buffer[end - k];
    return sum;
  }

  append(channels, frames) {
    if (this.length + frames > this.buffer.length) {
      const bigger = new Float32Array((this.length + frames) * 2);
      bigger.set(this.buffer.subarray(0, this.length));
      this.buffer = bigger;
    }
    const scale = 1 / channels.length;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels.length; c++) sum += channels[c][i];
      this.buffer[this.length + i] = sum * scale;
    }
    this.length += frames;
  }

  emit(value) {
    this.block[this.filled++] = value;
    if (this.filled === this.blockSize) {
      this.port.postMessage(this.block, [this.block.buffer]);
      this.block = new Float32Array(this.blockSize);
      this.filled = 0;
    }
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true; // no input (yet, or any more)
    this.append(channels, channels[0].length);
    const last = this.start + this.length - 1; // the newest absolute index
    while (Math.floor(this.next) + 1 <= last) {
      const i = Math.floor(this.next);
      const frac = this.next - i;
      const a = this.filtered(i);
      this.emit(frac === 0 ? a : a + (this.filtered(i + 1) - a) * frac);
      this.next += this.step;
    }
    // Keep what the next outputs need: from floor(next) - (taps - 1) on.
    const keepFrom = Math.floor(this.next) - (this.taps.length - 1) - this.start;
    if (keepFrom > 0) {
      this.buffer.copyWithin(0, keepFrom, this.length);
      this.length -= keepFrom;
      this.start += keepFrom;
    }
    return true;
  }
}

registerProcessor("twoway-downsampler", TwowayDownsampler);
