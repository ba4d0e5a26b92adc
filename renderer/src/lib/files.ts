/** A file's (or any blob's) bytes as base64 (without the data: prefix), optionally reporting how much has been read. */
export function readFileBase64(file: Blob, onprogress?: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    if (onprogress) reader.onprogress = (event) => onprogress(event.loaded);
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}
