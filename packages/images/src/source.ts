export const source = '@galley/images'
