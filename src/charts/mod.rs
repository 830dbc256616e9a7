//! Charts rendered by plotters to SVG, shared by the app, exported files and reports. The
//! statistics issue (#8) adds the renderers; the foundation only reserves the module.
