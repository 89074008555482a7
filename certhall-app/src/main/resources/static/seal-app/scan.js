/*
 * 扫一扫 with the phone's camera: reads the QR code of a signing request live and opens its link.
 * The browser's BarcodeDetector where it reads QR codes, else jsQR (vendored beside this file,
 * Apache-2.0, loaded only when needed). Photo upload stays on the page as the fallback: a phone
 * without a camera API, a refused permission or an insecure origin is told to use it.
 */
(function () {
  'use strict';
  var start = document.getElementById('camera-start');
  if (!start) {
    return;
  }
  var panel = document.getElementById('camera');
  var video = document.getElementById('camera-video');
  var status = document.getElementById('camera-status');
  var stop = document.getElementById('camera-stop');
  var prefix = panel.getAttribute('data-link-prefix');
  var stream = null;
  var running = false;

  function say(key) {
    status.textContent = status.getAttribute('data-' + key);
  }

  function stopCamera() {
    running = false;
    if (stream) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
    }
    panel.hidden = true;
    start.hidden = false;
  }

  /** A reader over the video: BarcodeDetector when it knows QR codes, else jsQR. */
  function reader() {
    var native = 'BarcodeDetector' in window
      ? window.BarcodeDetector.getSupportedFormats().then(function (formats) {
          return formats.indexOf('qr_code') >= 0;
        }).catch(function () { return false; })
      : Promise.resolve(false);
    return native.then(function (supported) {
      if (supported) {
        document.body.setAttribute('data-qr-decoder', 'BarcodeDetector');
        var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        return function () {
          return detector.detect(video).then(function (codes) {
            return codes.length ? codes[0].rawValue : null;
          });
        };
      }
      return loadJsQr().then(function () {
        document.body.setAttribute('data-qr-decoder', 'jsQR');
        var canvas = document.createElement('canvas');
        var context = canvas.getContext('2d', { willReadFrequently: true });
        return function () {
          var w = video.videoWidth;
          var h = video.videoHeight;
          if (!w || !h) {
            return Promise.resolve(null);
          }
          // a smaller picture is enough for a QR code filling part of the view, and faster
          var scale = Math.min(1, 640 / Math.max(w, h));
          canvas.width = Math.round(w * scale);
          canvas.height = Math.round(h * scale);
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          var pixels = context.getImageData(0, 0, canvas.width, canvas.height);
          var code = window.jsQR(pixels.data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' });
          return Promise.resolve(code ? code.data : null);
        };
      });
    });
  }

  function loadJsQr() {
    if (window.jsQR) {
      return Promise.resolve();
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = panel.getAttribute('data-decoder');
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function scan(read) {
    if (!running) {
      return;
    }
    read().then(function (text) {
      if (text && text.indexOf(prefix) === 0) {
        say('found');
        stopCamera();
        window.location.assign(text);
        return;
      }
      if (text) {
        say('foreign');
      }
      window.setTimeout(function () { scan(read); }, 200);
    }, function () {
      window.setTimeout(function () { scan(read); }, 200);
    });
  }

  start.hidden = false;
  start.addEventListener('click', function () {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      panel.hidden = false;
      say('unavailable');
      return;
    }
    panel.hidden = false;
    start.hidden = true;
    say('opening');
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        return video.play();
      })
      .then(reader)
      .then(function (read) {
        running = true;
        say('looking');
        scan(read);
      })
      .catch(function () {
        stopCamera();
        panel.hidden = false;
        say('unavailable');
      });
  });
  stop.addEventListener('click', stopCamera);
}());
