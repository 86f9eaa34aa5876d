// leaflet.markercluster is a UMD script that extends the global `L`: set it first.
import L from "leaflet";

window.L = L;
export default L;
