#include "gl.h"

#ifndef __EMSCRIPTEN__
#include <SDL.h>
#endif

#include <cstdio>
#include <string>

#include "platform.h"

namespace app::gl {

namespace {

Functions& table() {
  static Functions f;
  return f;
}

GLuint compile(const char* name, GLenum type, const char* body) {
  const Functions& gl = functions();
  const platform::GlSettings settings = platform::glSettings();
  const std::string source =
      std::string(settings.glsl_version) + "\n" + (settings.es ? "precision highp float;\n" : "") + body;
  const char* text = source.c_str();
  const GLuint shader = gl.CreateShader(type);
  gl.ShaderSource(shader, 1, &text, nullptr);
  gl.CompileShader(shader);
  GLint ok = GL_FALSE;
  gl.GetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return shader;
  char log[512] = "";
  gl.GetShaderInfoLog(shader, sizeof log, nullptr, log);
  std::fprintf(stderr, "%s: %s shader not compiled: %s\n", name, type == GL_VERTEX_SHADER ? "vertex" : "fragment", log);
  gl.DeleteShader(shader);
  return 0;
}

}  // namespace

bool load() {
  Functions& f = table();
  bool all = true;
#ifdef __EMSCRIPTEN__
#define CATALYSEURS_GL_LOAD(name) f.name = &::gl##name;
#else
#define CATALYSEURS_GL_LOAD(name)                                                 \
  f.name = reinterpret_cast<decltype(f.name)>(SDL_GL_GetProcAddress("gl" #name)); \
  if (!f.name) {                                                                  \
    std::fprintf(stderr, "OpenGL: no gl" #name "\n");                             \
    all = false;                                                                  \
  }
#endif
  CATALYSEURS_GL_FUNCTIONS(CATALYSEURS_GL_LOAD)
#undef CATALYSEURS_GL_LOAD
  return all;
}

const Functions& functions() { return table(); }

GLuint makeProgram(const char* name, const char* vertex_body, const char* fragment_body,
                   std::initializer_list<std::pair<GLuint, const char*>> attributes) {
  const Functions& gl = functions();
  const GLuint vertex = compile(name, GL_VERTEX_SHADER, vertex_body);
  const GLuint fragment = compile(name, GL_FRAGMENT_SHADER, fragment_body);
  GLuint program = 0;
  if (vertex && fragment) {
    program = gl.CreateProgram();
    gl.AttachShader(program, vertex);
    gl.AttachShader(program, fragment);
    for (const auto& [location, attribute] : attributes) gl.BindAttribLocation(program, location, attribute);
    gl.LinkProgram(program);
    GLint ok = GL_FALSE;
    gl.GetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
      char log[512] = "";
      gl.GetProgramInfoLog(program, sizeof log, nullptr, log);
      std::fprintf(stderr, "%s: program not linked: %s\n", name, log);
      gl.DeleteProgram(program);
      program = 0;
    }
  }
  if (vertex) gl.DeleteShader(vertex);
  if (fragment) gl.DeleteShader(fragment);
  return program;
}

}  // namespace app::gl
