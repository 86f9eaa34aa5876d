// Bring the selected record's span into view (the document and event pages mark it `focus`).
document.addEventListener("DOMContentLoaded", () => {
  const focus = document.querySelector(".doctext .focus");
  if (focus && !location.hash) {
    const box = focus.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) focus.scrollIntoView({ block: "center" });
  }
});
