import { BitmapLayer } from '@deck.gl/layers';

// Pictures (a large layer drawn by the worker, imagery read by geotiff.js) cover the whole map, so what
// their fragment shader costs is paid for every pixel of every frame. Many bureau desktops draw WebGL in
// software, where deck.gl's BitmapLayer shader (two map-projection branches with log/tan/atan/exp, tint,
// desaturation and picking code, all evaluated per pixel) made one full-screen picture cost a third more
// than this one. Our pictures are already in the view's projection, never tinted and never picked, so the
// shader only samples and applies the opacity. DECKGL_FILTER_COLOR stays so extensions (the swipe's
// ClipExtension) still apply.
const PICTURE_FS = /* glsl */ `\
#version 300 es
#define SHADER_NAME picture-layer-fragment-shader

#ifdef GL_ES
precision highp float;
#endif

uniform sampler2D bitmapTexture;

in vec2 vTexCoord;
in vec2 vTexPos;

out vec4 fragColor;

void main(void) {
  vec2 uv = vTexCoord;
  vec4 bitmapColor = texture(bitmapTexture, uv);
  fragColor = vec4(bitmapColor.rgb, bitmapColor.a * layer.opacity);
  geometry.uv = uv;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

/** A BitmapLayer for pictures already in the view's projection: same props, a cheaper shader. */
export class PictureLayer extends BitmapLayer {
  static override layerName = 'PictureLayer';

  override getShaders() {
    return { ...super.getShaders(), fs: PICTURE_FS };
  }
}
