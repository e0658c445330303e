// Eleventy 3 ships no type declarations: what the tests use of it.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input: string, output: string, options?: Record<string, unknown>)
    write(): Promise<unknown>
  }
}
