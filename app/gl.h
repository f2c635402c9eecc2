// The OpenGL functions the app calls itself, and the shader programs it makes, the same for
// WebGL 2 (GLES 3.0) and desktop OpenGL 3.2 core. Included by .cpp files only: it brings the
// platform's GL headers.
#pragma once

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
// Declarations only, for the functions' types: they are asked of the context at run time.
#define GL_GLEXT_PROTOTYPES
#include <SDL_opengl.h>
#endif

#include <initializer_list>
#include <utility>

namespace app::gl {

// WebGL 2's functions are the GLES 3.0 functions themselves; a desktop context gives those
// beyond OpenGL 1.1 only through SDL_GL_GetProcAddress, so there all of them are looked up.
#define CATALYSEURS_GL_FUNCTIONS(X)                                                                            \
  X(ActiveTexture) X(AttachShader) X(BindAttribLocation) X(BindBuffer) X(BindTexture) X(BindVertexArray)       \
  X(BlendEquation) X(BlendFuncSeparate) X(BufferData) X(BufferSubData) X(CompileShader) X(CreateProgram)       \
  X(CreateShader) X(DeleteBuffers) X(DeleteProgram) X(DeleteShader) X(DeleteTextures) X(DeleteVertexArrays)    \
  X(Disable) X(DrawElements) X(Enable) X(EnableVertexAttribArray) X(GenBuffers) X(GenTextures)                 \
  X(GenVertexArrays) X(GetProgramInfoLog) X(GetProgramiv) X(GetShaderInfoLog) X(GetShaderiv)                   \
  X(GetUniformLocation) X(LinkProgram) X(Scissor) X(ShaderSource) X(TexImage2D) X(TexParameteri) X(Uniform1f) \
  X(Uniform1i) X(Uniform2f) X(Uniform4f) X(UseProgram) X(VertexAttribPointer) X(Viewport)

struct Functions {
#define CATALYSEURS_GL_DECLARE(name) decltype(&::gl##name) name = nullptr;
  CATALYSEURS_GL_FUNCTIONS(CATALYSEURS_GL_DECLARE)
#undef CATALYSEURS_GL_DECLARE
};

// Looked up once the context is current; false, with the reason on stderr, if one is missing.
bool load();
// The functions, once load() succeeded.
const Functions& functions();

// A program from GLSL bodies written to read the same under "#version 300 es" and
// "#version 150": the platform's version line (and precision, on ES) goes first. Attributes
// get the locations given. 0, with the compiler's words on stderr, if it cannot be made.
GLuint makeProgram(const char* name, const char* vertex_body, const char* fragment_body,
                   std::initializer_list<std::pair<GLuint, const char*>> attributes);

}  // namespace app::gl
