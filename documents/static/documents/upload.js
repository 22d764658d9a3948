// The document uploader: each chosen (or dropped) file is posted on its own, one after the other,
// with a progress bar of its own; the server's answer (JSON) says what became of it. Without
// JavaScript the form posts every file at once and the page answers.
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector("input[type=file]");
    var zone = form.querySelector("[data-drop-zone]");
    var list = form.querySelector("[data-progress]");
    var maxBytes = parseInt(form.dataset.maxBytes, 10);

    zone.addEventListener("dragover", function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", function () {
      zone.classList.remove("dragging");
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      zone.classList.remove("dragging");
      input.files = event.dataTransfer.files;
    });

    form.addEventListener("submit", function (event) {
      if (!input.files.length || !window.FormData) {
        return; // the browser posts the form; the server says what is missing
      }
      event.preventDefault();
      var files = Array.prototype.slice.call(input.files);
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      list.textContent = "";
      clearErrors(form);
      var rows = files.map(function (file) { return addRow(list, file); });
      var index = 0;
      (function next() {
        if (index >= files.length) {
          button.disabled = false;
          input.value = "";
          return;
        }
        var file = files[index], row = rows[index];
        index += 1;
        if (file.size > maxBytes) {
          finish(row, "error", "Too big: " + Math.round(maxBytes / 1048576) + " MB at most.");
          next();
          return;
        }
        send(form, file, row, next);
      })();
    });
  }

  function addRow(list, file) {
    var row = document.createElement("li");
    var name = document.createElement("span");
    name.className = "upload-name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement("small");
    status.className = "upload-status";
    status.textContent = "Waiting";
    row.append(name, bar, status);
    list.append(row);
    return row;
  }

  function finish(row, outcome, text, href) {
    var status = row.querySelector(".upload-status");
    row.className = "upload-" + outcome;
    row.querySelector("progress").value = outcome === "done" ? 100 : 0;
    status.textContent = "";
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      status.append(link);
    } else {
      status.textContent = text;
    }
  }

  function clearErrors(form) {
    form.querySelectorAll(".field-error.from-upload").forEach(function (node) { node.remove(); });
  }

  function showFieldErrors(form, errors) {
    Object.keys(errors).forEach(function (name) {
      if (name === "files" || name === "__all__") {
        return;
      }
      var field = form.querySelector("[name=" + name + "]");
      var holder = field && (field.closest("label") || field.closest("fieldset"));
      if (holder && !holder.querySelector(".from-upload")) {
        var small = document.createElement("small");
        small.className = "field-error from-upload";
        small.textContent = errors[name].join(" ");
        holder.append(small);
      }
    });
  }

  function send(form, file, row, next) {
    var data = new FormData(form);
    data.delete("files");
    data.append("files", file, file.name);
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("X-CSRFToken", data.get("csrfmiddlewaretoken"));
    row.querySelector(".upload-status").textContent = "Uploading";
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        row.querySelector("progress").value = Math.round((event.loaded / event.total) * 100);
      }
    });
    request.addEventListener("load", function () {
      var body = {};
      try { body = JSON.parse(request.responseText); } catch (ignored) { body = {}; }
      if (request.status === 201 && body.documents) {
        finish(row, "done", "Stored: " + body.documents[0].title, body.documents[0].url);
      } else if (body.errors) {
        var messages = [].concat(body.errors.files || [], body.errors.__all__ || []);
        finish(row, "error", messages.join(" ") || "Not stored: see the form.");
        showFieldErrors(form, body.errors);
      } else {
        finish(row, "error", "Not stored (the server answered " + request.status + ").");
      }
      next();
    });
    request.addEventListener("error", function () {
      finish(row, "error", "Not stored: the connection failed.");
      next();
    });
    request.send(data);
  }

  document.querySelectorAll("form[data-uploader]").forEach(setup);
})();
