export { UploadService, UPLOADS_GROUP } from './upload-service';
export type { UploadServiceOptions } from './upload-service';
