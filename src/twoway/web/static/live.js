/* twoway Live: the page's script (docs/live.md, "The Live page").
 *
 * Captures the microphone (you) and, for a call, a shared tab's audio (them), turns each into
 * 16 kHz mono blocks in an AudioWorklet (live-worklet.js) and streams them to twoway over the
 * WebSocket /live/ws: one byte, the source's index, then float32 little-endian samples. twoway
 * answers with the meter five times a second, which this script draws; Stop asks for the
 * analysis of the whole conversation and links to its report.
 *
 * Everything shown comes from twoway's messages and is set as text (never as HTML).
 */
"use strict";

(function () {
  const BLOCK_MS = 50;
  const WORKLET = "/static/live-worklet.js";
  const $ = (id) => document.getElementById(id);
  const form = $("live-setup");
  if (!form) return;

  const VERDICT = {
    low: "below the band: say more",
    on: "in the band",
    high: "above the band: listen more",
  };
  const MIC_LOST = "The microphone stopped (unplugged or turned off); the meter goes on with what it has.";
  const TAB_LOST =
    "The shared tab stopped sending audio (sharing ended); the meter goes on with your microphone alone, the call's side counting as silent.";

  let live = null; // the running session: {ws, tracks, context, ended, started, done}

  function clock(seconds) {
    const whole = Math.max(0, Math.floor(seconds));
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const s = String(whole % 60).padStart(2, "0");
    return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
  }

  function percent(value) {
    return `${Math.round(value * 100)}%`;
  }

  function setStatus(text, kind) {
    const el = $("live-status");
    el.textContent = text;
    el.className = "live-status" + (kind ? ` live-status-${kind}` : "");
  }

  function setStatusWithLink(text, linkText, href, after) {
    setStatus(text, "error");
    const link = document.createElement("a");
    link.href = href;
    link.textContent = linkText;
    $("live-status").append(" ", link, after || "");
  }

  function setBusy(busy) {
    for (const el of form.elements) el.disabled = busy;
  }

  function showThem() {
    $("live-them-field").hidden = form.elements.sources.value !== "call";
  }

  // -- capture ------------------------------------------------------------------------------

  function micError(err) {
    switch (err && err.name) {
      case "NotAllowedError":
      case "SecurityError":
        return "The microphone was refused. Allow it for this page (the icon at the left of the address bar), then press Start again.";
      case "NotFoundError":
      case "OverconstrainedError":
        return "No microphone was found: plug one in, then press Start again.";
      case "NotReadableError":
        return "The microphone could not be opened: another program may be holding it.";
      default:
        return `The microphone could not be opened (${err && err.name}: ${err && err.message}).`;
    }
  }

  function tabError(err) {
    if (err && err.name === "NotAllowedError") {
      return "No tab audio: sharing the call's tab was refused or cancelled. The meter goes on with your microphone alone; the call's side counts as silent.";
    }
    return `No tab audio: the call's tab could not be shared (${err && err.name}). The meter goes on with your microphone alone; the call's side counts as silent.`;
  }

  async function capture(call) {
    // Returns {tracks, notices} or throws the microphone's error. No processing on the
    // microphone but echo cancellation on a call (it keeps the call's voice, played aloud, out).
    const mic = await navigator.mediaDevices.getUserMedia({
      audio: {
        echoCancellation: call,
        noiseSuppression: false,
        autoGainControl: false,
        channelCount: 1,
      },
    });
    const tracks = [mic.getAudioTracks()[0]];
    const extra = [];
    const notices = [];
    if (call) {
      setStatus("Choose the call's tab and tick “Share tab audio”…");
      let shared = null;
      try {
        if (!navigator.mediaDevices.getDisplayMedia) throw new DOMException("not offered", "NotSupportedError");
        shared = await navigator.mediaDevices.getDisplayMedia({
          video: true,
          audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
          systemAudio: "include",
          selfBrowserSurface: "exclude",
        });
      } catch (err) {
        notices.push(tabError(err));
      }
      const audio = shared ? shared.getAudioTracks()[0] : undefined;
      if (shared && !audio) {
        notices.push(
          "No tab audio: what you shared has no sound (tick “Share tab audio” when you choose the tab). The meter goes on with your microphone alone; the call's side counts as silent."
        );
        shared.getTracks().forEach((t) => t.stop());
      } else if (shared) {
        // The video is not used, but stopping it could end the sharing in some browsers: it
        // stays, and its end (the browser's "Stop sharing") counts as the tab's.
        extra.push(...shared.getVideoTracks());
      }
      tracks.push(audio || null);
    }
    return { tracks, extra, notices };
  }

  // -- the socket ---------------------------------------------------------------------------

  function send(message) {
    if (live && live.ws.readyState === WebSocket.OPEN) live.ws.send(JSON.stringify(message));
  }

  function sendAudio(index, samples) {
    if (!live || live.stopping || live.ended.has(index) || live.ws.readyState !== WebSocket.OPEN) return;
    const buffer = new ArrayBuffer(1 + samples.length * 4);
    const view = new DataView(buffer);
    view.setUint8(0, index);
    for (let i = 0; i < samples.length; i++) view.setFloat32(1 + 4 * i, samples[i], true);
    live.ws.send(buffer);
  }

  function endSource(index, text) {
    if (!live || live.ended.has(index)) return;
    live.ended.add(index);
    send({ notice: text });
    send({ end_source: index });
  }

  async function startAudio(notices) {
    const context = new AudioContext();
    live.context = context;
    await context.audioWorklet.addModule(WORKLET);
    for (const text of notices) send({ notice: text });
    live.tracks.forEach((track, index) => {
      if (!track || track.readyState === "ended") {
        endSource(index, index === 0 ? MIC_LOST : notices.length ? notices[0] : TAB_LOST);
        return;
      }
      const node = new AudioWorkletNode(context, "twoway-downsampler", {
        numberOfInputs: 1,
        numberOfOutputs: 0,
        processorOptions: { blockMs: BLOCK_MS },
      });
      node.port.onmessage = (event) => sendAudio(index, event.data);
      context.createMediaStreamSource(new MediaStream([track])).connect(node);
      track.addEventListener("ended", () => endSource(index, index === 0 ? MIC_LOST : TAB_LOST));
    });
    for (const video of live.extra) {
      video.addEventListener("ended", () => endSource(1, TAB_LOST));
    }
    if (context.state === "suspended") await context.resume();
  }

  function release() {
    if (!live) return;
    for (const track of [...live.tracks, ...live.extra]) if (track) track.stop();
    if (live.context && live.context.state !== "closed") live.context.close();
  }

  async function start() {
    const fields = form.elements;
    const call = fields.sources.value === "call";
    const me = fields.me.value.trim();
    const them = fields.them.value.trim() || "Them";
    if (call && !me) {
      setStatus("Write your name first: the microphone is you.", "error");
      fields.me.focus();
      return;
    }
    if (call && me.toLowerCase() === them.toLowerCase()) {
      setStatus("Your name and theirs must differ.", "error");
      return;
    }
    if (!navigator.mediaDevices || !window.AudioWorkletNode) {
      setStatus(
        "This browser gives this page no microphone: open twoway as http://127.0.0.1:PORT or http://localhost:PORT, in a recent Chrome, Edge or Firefox.",
        "error"
      );
      return;
    }
    setBusy(true);
    setStatus("Asking for the microphone…");
    let captured;
    try {
      captured = await capture(call);
    } catch (err) {
      setStatus(micError(err), "error");
      setBusy(false);
      return;
    }
    const url = new URL("/live/ws", window.location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(url);
    ws.binaryType = "arraybuffer";
    live = { ws, tracks: captured.tracks, extra: captured.extra, ended: new Set(), context: null };
    setStatus("Connecting to twoway…");
    ws.addEventListener("open", () => {
      const start = {
        me: me || null,
        mode: fields.mode.value,
        sources: call ? [me, them] : [null],
        asr: Boolean(fields.asr && fields.asr.checked),
      };
      ws.send(JSON.stringify({ start }));
    });
    ws.addEventListener("message", (event) => onMessage(event.data, captured.notices));
    ws.addEventListener("close", onClose);
  }

  function stop() {
    if (!live || live.stopping) return;
    live.stopping = true;
    $("live-stop").disabled = true;
    send({ stop: {} });
    release();
    setStatus("Analyzing the whole conversation…");
  }

  // -- what twoway says ---------------------------------------------------------------------

  function onMessage(data, notices) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (err) {
      return;
    }
    if (message.started) {
      live.started = message.started;
      form.hidden = true;
      $("live-intro").hidden = true; // compact beside the call: the meter alone
      $("live-meter").hidden = false;
      $("live-stop").disabled = false;
      setupMeter(message.started);
      setStatus(message.started.voiceprint || !message.started.mixed ? "Listening." : "Listening. No voiceprint of yours is stored: the meter shows all speech as one voice; the report tells the voices apart.");
      startAudio(notices).catch((err) => {
        setStatus(`The audio could not be started (${err.name}: ${err.message}).`, "error");
        stop();
      });
    } else if (message.meter) {
      drawMeter(message.meter);
    } else if (message.finishing) {
      setStatus("Analyzing the whole conversation…");
    } else if (message.done) {
      live.done = true;
      showResult(message.done);
    } else if (message.error) {
      live.error = message.error;
      setStatus(message.error, "error");
    }
  }

  function onClose(event) {
    const was = live;
    release();
    live = null;
    if (!was || was.done) return;
    if (!was.started) {
      setBusy(false);
      if (!was.error) setStatus(`Could not reach twoway's live meter (connection closed, code ${event.code}).`, "error");
      return;
    }
    $("live-stop").disabled = true;
    setStatusWithLink(
      (was.error ? `${was.error} ` : "The connection to twoway was lost. ") +
        "What was measured is kept and analyzed:",
      "open its report",
      "/live/last",
      " (this page lists it too when you reload it)."
    );
  }

  // -- drawing --------------------------------------------------------------------------------

  function setupMeter(started) {
    const timeline = $("live-timeline");
    timeline.textContent = "";
    const lanes = started.me === null ? 1 : 2;
    timeline.dataset.lanes = String(lanes);
    for (let lane = 0; lane < lanes; lane++) {
      for (let i = 0; i < 60; i++) {
        const cell = document.createElement("span");
        cell.className = "cell";
        timeline.append(cell);
      }
    }
    $("live-legend").textContent = lanes === 1 ? "· top: speech" : "· top: you, below: them";
  }

  function drawMeter(m) {
    $("live-clock").textContent = clock(m.elapsed_s);
    const me = m.me;
    const band = m.band;
    const share = $("live-share");
    const verdict = $("live-verdict");
    const bar = $("live-share-bar");
    $("live-band").style.left = percent(band.low);
    $("live-band").style.width = percent(band.high - band.low);
    $("live-band-text").textContent = `${percent(band.low)}–${percent(band.high)}`;
    if (me === null) {
      share.textContent = "–";
      verdict.textContent = "one voice for all: enroll yours to see your share live (twoway voice enroll --me NAME sample.wav)";
      bar.dataset.status = "";
      $("live-share-fill").style.width = "0";
    } else if (m.share === null) {
      share.textContent = "–";
      verdict.textContent = "waiting for speech…";
      bar.dataset.status = "";
      $("live-share-fill").style.width = "0";
    } else {
      share.textContent = percent(m.share);
      share.dataset.value = String(m.share);
      verdict.textContent = VERDICT[m.status] || "";
      bar.dataset.status = m.status;
      $("live-share-fill").style.width = percent(m.share);
    }
    drawFloor(m);
    drawQuestions(m);
    drawTimeline(m);
    drawSpeakers(m);
    const notices = $("live-notices");
    notices.textContent = "";
    for (const text of m.notices) {
      const li = document.createElement("li");
      li.textContent = text;
      notices.append(li);
    }
  }

  function drawFloor(m) {
    const floor = m.floor;
    const fill = $("live-floor-fill");
    const text = $("live-floor");
    const mine = floor.holder !== null && floor.holder === m.me;
    if (floor.holder === null) {
      text.textContent = "nobody holds the floor";
      fill.style.width = "0";
    } else {
      const name = m.speakers[floor.holder].name;
      text.textContent = mine
        ? `${name} ${clock(floor.seconds)} of ${clock(floor.limit_s)}`
        : `${name} ${clock(floor.seconds)}`;
      fill.style.width = mine ? percent(Math.min(1, floor.seconds / floor.limit_s)) : "0";
    }
    fill.dataset.state = floor.nudge ? "nudge" : floor.nearing ? "nearing" : "";
    $("live-nudge").hidden = !floor.nudge;
  }

  function drawQuestions(m) {
    const text = $("live-question");
    const list = $("live-questions");
    list.textContent = "";
    if (!m.questions_on) {
      text.textContent = "needs transcription (tick “Transcribe” before Start)";
      return;
    }
    if (m.since_question_s === null) {
      text.textContent = "none asked yet";
      return;
    }
    text.textContent = `${clock(m.since_question_s)} ago (${m.my_questions} asked)`;
    for (const q of m.questions) {
      const li = document.createElement("li");
      li.textContent = q;
      list.append(li);
    }
  }

  function drawTimeline(m) {
    const cells = $("live-timeline").children;
    const lanes = cells.length / 60;
    const seconds = m.timeline.slice(-60);
    const pad = 60 - seconds.length;
    const mine = m.me === null ? 0 : 1 << m.me;
    for (let i = 0; i < 60; i++) {
      const bits = i < pad ? 0 : seconds[i - pad];
      if (lanes === 1) {
        cells[i].className = bits ? "cell speech" : "cell";
      } else {
        cells[i].className = bits & mine ? "cell me" : "cell";
        cells[60 + i].className = bits & ~mine ? "cell them" : "cell";
      }
    }
    const rate = m.switches_per_min === null ? "" : ` (${m.switches_per_min.toFixed(1)}/min)`;
    $("live-switches").textContent = `${m.switches} switch${m.switches === 1 ? "" : "es"}${rate}`;
  }

  function drawSpeakers(m) {
    const list = $("live-speakers");
    list.textContent = "";
    m.speakers.forEach((speaker, i) => {
      const li = document.createElement("li");
      li.className = (i === m.me ? "me" : "them") + (speaker.speaking ? " speaking" : "");
      li.textContent = `${speaker.name} ${clock(speaker.talk_s)}`;
      list.append(li);
    });
    if (m.deciding) {
      const li = document.createElement("li");
      li.className = "speaking";
      li.textContent = "someone (telling the voice…)";
      list.append(li);
    }
  }

  function showResult(done) {
    setStatus("");
    $("live-stop").disabled = true;
    const result = $("live-result");
    result.hidden = false;
    const share = done.share === null || done.share === undefined ? null : done.share;
    const text = $("live-result-text");
    text.textContent =
      share === null
        ? `Analyzed: ${done.name}. Say which speaker you are on the next page.`
        : `Your talk share: ${percent(share)} (the analysis of the whole conversation, as twoway analyze gives it).`;
    text.dataset.share = share === null ? "" : String(share);
    const report = $("live-report");
    report.href = done.report;
    report.textContent = share === null ? "Who are you? Then the report" : "Open the report and save it";
    $("live-result-hint").textContent =
      `It waits on this server for ${done.kept_for_min} minutes, as an upload does; saved, it stays in your history with the person, the company and the role.`;
  }

  form.addEventListener("change", showThem);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    start();
  });
  $("live-stop").addEventListener("click", stop);
  showThem();
})();
