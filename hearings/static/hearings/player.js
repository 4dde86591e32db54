// Hosted videos: the provider's player is loaded only when the visitor clicks « Lire la vidéo »
// (hearings/templates/hearings/includes/video_player.html). Uploaded videos: the transcript's
// time links start the <video> at their time (without JavaScript they open the file at that time).
(function () {
  "use strict";

  document.querySelectorAll("[data-video-player]").forEach(function (player) {
    var button = player.querySelector("[data-video-play]");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.className = "hearing-player__frame";
      frame.title = player.dataset.frameTitle;
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.setAttribute("allowfullscreen", "");
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      frame.src = player.dataset.embedUrl;
      player.querySelector(".hearing-player__screen").replaceChildren(frame);
      player.classList.add("hearing-player--playing");
      frame.focus();
    });
  });

  document.querySelectorAll("[data-video-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var video = document.getElementById(link.dataset.videoTarget);
      if (!video) {
        return;
      }
      event.preventDefault();
      video.currentTime = parseFloat(link.dataset.videoSeek);
      var playing = video.play();
      if (playing && playing.catch) {
        playing.catch(function () {});
      }
      video.focus();
    });
  });
})();
